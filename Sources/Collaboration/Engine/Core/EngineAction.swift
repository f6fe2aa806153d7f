import Foundation
import Logging
import SignalingProtocol

/// What ``EngineCore`` asks its driver to do, in order.
enum EngineAction: Sendable {
    /// Report to the application (events, or the media handler for MIDI, bio and audio).
    case emit(EngineEvent)
    /// Send to the signaling server (sealed already when the room has a secret).
    case signal(SignalMessage)
    /// Make link `generation` to `peer` (its first, or to answer a new offer); its offers carry
    /// `mid` (an answer takes the offer's).
    case makeLink(peer: UUID, generation: UInt64, iceServers: [ICEServer], mid: String)
    /// The offerer restarts its link to `peer`: close `replacing`, then make link `generation`.
    /// The one place a restart happens, so the place to fetch fresh ICE servers (TURN
    /// credentials) before the new link is made.
    case restartLink(peer: UUID, generation: UInt64, iceServers: [ICEServer], mid: String, replacing: (any PeerLink)?)
    /// Restart ICE on the running `link` (after a network change: on the addresses there are now)
    /// and offer it, reporting ``LinkInput/offerCreated(_:)``; DTLS and SCTP stay up.
    /// Like ``restartLink(peer:generation:iceServers:replacing:)``, the driver fetches fresh ICE
    /// servers first.
    case restartIce(peer: UUID, generation: UInt64, link: any PeerLink, iceServers: [ICEServer])
    /// Offerer: create the offer on `link` and report ``LinkInput/offerCreated(_:)``.
    case createOffer(peer: UUID, generation: UInt64, link: any PeerLink)
    /// Answerer: apply `sdp` on `link`, answer, report ``LinkInput/answerCreated(_:)``.
    case acceptOffer(peer: UUID, generation: UInt64, link: any PeerLink, sdp: String)
    /// Offerer: apply the answer on `link`, report ``LinkInput/answerApplied``.
    case acceptAnswer(peer: UUID, generation: UInt64, link: any PeerLink, sdp: String)
    /// Hand remote candidates to `link`, in order (`nil`: end of candidates).
    case addCandidates(link: any PeerLink, [String?])
    /// Close `link`; nothing it reports afterwards matters.
    case closeLink(any PeerLink)
    /// Leave the room at the signaling server.
    case leaveRoom
    /// Feed ``EngineInput/midiFlush`` after this long.
    case armMIDIFlush(after: Duration)
    /// Feed ``EngineInput/midiPlayout`` after this long: received MIDI falls due.
    case armMIDIPlayout(after: Duration)
    /// Something worth a log line.
    case log(Logger.Level, String, peer: UUID?)
}
