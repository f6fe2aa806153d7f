/// Failures setting up the coturn test server.
public enum CoturnError: Error {
    /// No free loopback UDP port could be found.
    case noFreePort
}
