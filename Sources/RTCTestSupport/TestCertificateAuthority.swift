public import Foundation

/// A throwaway certificate authority for TLS tests, made with the `openssl` command in a fresh
/// temporary directory: an ECDSA P-256 CA and server certificates it signs, valid for a day.
///
/// Give a server its ``ServerIdentity`` files and trust ``certificatePEM`` in the client;
/// ``remove()`` deletes the files.
public final class TestCertificateAuthority: Sendable {
    /// A server certificate and its private key, as PEM files.
    public struct ServerIdentity: Hashable, Sendable {
        /// The certificate (PEM).
        public let certificatePath: String
        /// The unencrypted private key (PEM).
        public let keyPath: String
    }

    /// Where the files live.
    public let directory: URL
    /// The CA certificate, to trust in a client.
    public let certificatePEM: String

    /// Makes the CA.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("test-ca-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=collab test CA",
                          "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"],
                         in: directory)
        certificatePEM = try String(contentsOf: directory.appendingPathComponent("ca.pem"), encoding: .utf8)
    }

    /// Issues a server certificate for these DNS names and IP addresses (subjectAltName).
    public func issueServer(name: String = "server", dnsNames: [String] = ["localhost"],
                            ipAddresses: [String] = ["127.0.0.1"]) throws -> ServerIdentity {
        let names = dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }
        let extensions = "subjectAltName=\(names.joined(separator: ","))\nbasicConstraints=CA:FALSE\n"
            + "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
        try extensions.write(to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(dnsNames.first ?? name)"],
                         in: directory)
        try Self.openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                          "-out", "\(name).pem", "-days", "1", "-extfile", "\(name).ext"], in: directory)
        return ServerIdentity(certificatePath: directory.appendingPathComponent("\(name).pem").path,
                              keyPath: directory.appendingPathComponent("\(name).key").path)
    }

    /// Deletes the files.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func openssl(_ arguments: [String], in directory: URL) throws {
        let (text, code) = try ChildProcess.run(["/usr/bin/openssl"] + arguments, directory: directory.path)
        guard code == 0 else { throw CoturnError.certificate(code, text) }
    }
}
