/// Why an upgrade was refused for its access token (answered with HTTP 401, counted by reason).
enum AccessRefusal: String, Error, Sendable, CaseIterable {
    /// No token in `Authorization: Bearer` or `?token=`.
    case missing
    /// Not a JWT, a bad signature, another algorithm, or claims out of bounds.
    case invalid
    /// Genuine but past its `exp` (and not a resume).
    case expired
}
