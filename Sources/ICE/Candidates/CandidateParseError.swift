/// Why a `candidate:` attribute could not be parsed.
public enum CandidateParseError: Error, Hashable, Sendable {
    /// Fewer than the eight mandatory fields, or `typ` missing.
    case missingField
    /// A field has the wrong syntax (its name is given).
    case invalidField(String)
    /// The connection address is a host name (e.g. an mDNS `.local` name) that the driver must resolve.
    case unresolvedHostname(String)
}
