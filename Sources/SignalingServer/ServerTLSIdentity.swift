import Foundation
import NIOSSL

/// The certificate chain and private key `collab serve` answers TLS with (https and wss).
///
/// Loaded once at startup so that a missing, unreadable or non-PEM file stops the server before it
/// listens instead of failing each handshake.
public struct ServerTLSIdentity: Sendable {
    /// Why the files could not be used; the description names the file and the fault.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        /// A sentence for the operator.
        public let description: String
    }

    /// The server-side TLS context every connection's handler is made from.
    let context: NIOSSLContext

    /// Loads a PEM certificate chain (leaf first) and its PEM private key.
    public init(certificatePath: String, keyPath: String) throws {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(Array(Self.read(certificatePath, what: "certificate")))
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "TLS certificate \(certificatePath) is not a PEM certificate: \(error)")
        }
        guard !chain.isEmpty else {
            throw LoadError(description: "TLS certificate \(certificatePath) holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: Array(Self.read(keyPath, what: "key")), format: .pem)
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "TLS key \(keyPath) is not a PEM private key: \(error)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw LoadError(description: "TLS certificate \(certificatePath) and key \(keyPath) do not make a TLS context: \(error)")
        }
    }

    private static func read(_ path: String, what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read TLS \(what) \(path)")
        }
        return data
    }
}
