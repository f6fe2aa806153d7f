/// Constants shared by every channel's binary format. See docs/PAYLOADS.md.
public enum PayloadFormat {
    /// The format version every payload of this build starts with.
    public static let version: UInt8 = 1
}
