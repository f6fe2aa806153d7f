import Foundation
import SignalingClient

/// Who is where after `collab bench signaling` has formed its rooms.
struct RoomLayout: Sendable {
    struct Host: Sendable {
        let session: SignalingSession
        let id: UUID
    }

    struct Guest: Sendable {
        let session: SignalingSession
        let id: UUID
        let host: UUID
        let room: Int
    }

    let hosts: [Host]
    let guests: [Guest]
    let joinLatencies: [Double]
}
