import ArgumentParser
import Collaboration
import WebRTC
import STUN
import RTCBase

/// Options shared by `collab host` and `collab join`.
struct SessionOptions: ParsableArguments {
    @Option(help: "Signaling server, ws://HOST:PORT/ws.") var server: String
    @Option(help: "Your display name.") var name: String
    @Option(help: "Room secret shared out of band: seals bio and signaling; peers with another secret cannot connect. Visible in ps: prefer --secret-file or $COLLAB_SECRET.")
    var secret: String?
    @Option(help: "File holding the room secret (one line).") var secretFile: String?
    @Option(help: "Room password (checked by the server). Visible in ps: prefer --password-file or $COLLAB_PASSWORD.")
    var password: String?
    @Option(help: "File holding the room password (one line).") var passwordFile: String?
    @Option(help: "Access token for a server started with --auth-key (see `collab token`). Visible in ps: prefer $COLLAB_TOKEN.")
    var token: String?
    @Option(help: ArgumentHelp(
        "Local IP to bind for peer links (repeatable, IP or IP:port).",
        discussion: "By default every usable interface (loopback only when the server is on loopback)."))
    var address: [String] = []
    @Flag(help: "Send synthetic heart data (10 Hz) so others see your bio.") var bio = false
    @Option(help: "Send synthetic MIDI notes at this many events per second (0: none).") var midiRate = 0
    @Flag(help: "Send a synthetic tone (48 kHz stereo, in the room's codec and frame size; see --codec).") var audio = false
    @OptionGroup var audioOptions: AudioOptions
    @Option(help: "PEM certificate authority to trust for a wss:// server, besides the system's.") var ca: String?
    @Option(help: "Record what you hear into this directory (new or empty): a WAV per participant, a MIDI file, bio CSV, the chat and index.json, audio kept readable up to the last second if the process is killed (docs/RECORDING.md). Everyone in the room is told.")
    var record: String?
    @Option(help: "Log level.") var logLevel = "warning"

    /// The room secret from --secret, --secret-file or $COLLAB_SECRET.
    func roomSecret() throws -> String? {
        try SecretSource(flag: "secret", environment: "COLLAB_SECRET").resolve(value: secret, file: secretFile)
    }

    /// The room password from --password, --password-file or $COLLAB_PASSWORD.
    func roomPassword() throws -> String? {
        try SecretSource(flag: "password", environment: "COLLAB_PASSWORD").resolve(value: password, file: passwordFile)
    }

    /// The access token from --token or $COLLAB_TOKEN.
    func accessToken() throws -> String? {
        try SecretSource(flag: "token", environment: "COLLAB_TOKEN").resolve(value: token, file: nil)
    }

    func validate() throws {
        _ = try TrustRootFile.read(ca)
        _ = try roomSecret()
        _ = try roomPassword()
        _ = try accessToken()
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
