/// Why a sealed message could not be opened.
public enum SealError: Error, Hashable, Sendable {
    /// The message was sealed under another key: the peer holds another room secret (or another
    /// room). Tell the user the secrets differ.
    case wrongSecret
    /// The key matches but the authentication tag does not: the message was altered, or was
    /// replayed under another sender/recipient binding.
    case authenticationFailed
    /// The envelope (or the plaintext inside) is malformed.
    case malformed(PayloadError)
    /// The plaintext is over the envelope's limit.
    case tooLarge(length: Int, limit: Int)
    /// The passphrase could not be turned into a key (the underlying library refused).
    case keyDerivationFailed
}
