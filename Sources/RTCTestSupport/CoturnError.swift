/// Failures setting up the coturn test server.
public enum CoturnError: Error {
    /// No free loopback UDP port could be found.
    case noFreePort
    /// coturn did not accept TCP connections on this port in time (or exited).
    case notListening(UInt16)
    /// `openssl` failed to make a test certificate (its exit status and output).
    case certificate(Int32, String)
}
