import Logging
import NIOCore
import RTCDriver

/// Holds the server's STUN responder from the moment the HTTP listener is bound until shutdown.
actor STUNServerSlot {
    private var server: STUNServer?

    /// Binds the responder `listener` asks for; a failure to bind is logged, not fatal: clients
    /// then simply get no `stun:` URL from us.
    func start(_ listener: STUNListener, host: String, httpPort: Int, into box: STUNPortBox, logger: Logger) async {
        let port: Int
        switch listener {
        case .off: return
        case .sameAsHTTP: port = httpPort
        case .port(let chosen): port = chosen
        }
        do {
            let started = try await STUNServer(host: host, port: port)
            server = started
            let bound = started.localAddress.port ?? port
            box.set(bound)
            logger.info("answering STUN", metadata: ["address": "\(host)", "port": "\(bound)", "transport": "udp"])
        } catch {
            logger.error("could not bind the STUN responder; clients get no stun: URL from this server",
                         metadata: ["port": "\(port)", "error": "\(error)"])
        }
    }

    func stop() async {
        await server?.close()
        server = nil
    }
}
