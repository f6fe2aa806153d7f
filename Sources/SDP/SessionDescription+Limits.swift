extension SessionDescription {
    /// The largest input the parser accepts, in UTF-8 bytes (256 KiB).
    public static let maximumByteCount = 256 * 1024
    /// The most lines the parser accepts.
    public static let maximumLineCount = 10_000
    /// The most media sections the parser accepts.
    public static let maximumMediaCount = 64
}
