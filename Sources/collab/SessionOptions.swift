import ArgumentParser
import Collaboration
import STUN
import WebRTC

/// Options shared by `collab host` and `collab join`.
struct SessionOptions: ParsableArguments {
    @Option(help: "Signaling server, ws://HOST:PORT/ws.") var server: String
    @Option(help: "Your display name.") var name: String
    @Option(help: "Room secret shared out of band: seals bio and signaling; peers with another secret cannot connect.") var secret: String?
    @Option(help: "Room password (checked by the server).") var password: String?
    @Option(help: ArgumentHelp(
        "Local IP to bind for peer links (repeatable, IP or IP:port).",
        discussion: "By default every usable interface (loopback only when the server is on loopback)."))
    var address: [String] = []
    @Flag(help: "Send synthetic heart data (10 Hz) so others see your bio.") var bio = false
    @Option(help: "Send synthetic MIDI notes at this many events per second (0: none).") var midiRate = 0
    @Flag(help: "Send a synthetic tone (48 kHz stereo, in the room's codec and frame size; see --codec).") var audio = false
    @OptionGroup var audioOptions: AudioOptions
    @Option(help: "PEM certificate authority to trust for a wss:// server, besides the system's.") var ca: String?
    @Option(help: "Log level.") var logLevel = "warning"

    func validate() throws {
        _ = try TrustRootFile.read(ca)
        do {
            _ = try WebRTCTransport.policy(addresses: address, signalingURL: server)
        } catch {
            throw ValidationError("--address: \(error)")
        }
        let local = Set(HostInterfaces.all().map(\.address.description))
        for text in address {
            let ip = text.hasPrefix("[") ? String(text.dropFirst().prefix { $0 != "]" })
                : (text.filter { $0 == ":" }.count == 1 ? String(text.prefix { $0 != ":" }) : text)
            guard ip == "0.0.0.0" || ip == "::" || local.contains(ip) else {
                throw ValidationError("--address \(text): \(ip) is not an address of this machine "
                                      + "(it has \(local.sorted().joined(separator: ", ")))")
            }
        }
    }
}
