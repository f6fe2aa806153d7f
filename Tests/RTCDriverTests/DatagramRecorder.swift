import RTCBase
import RTCDriver

/// A socket's receiver that keeps every datagram and reports the running count at the end of
/// each read burst, so a test can wait for a number of datagrams without polling.
final class DatagramRecorder: DatagramReceiver {
    private(set) var datagrams: [[UInt8]] = []
    let counts: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init() {
        (counts, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
    }

    func receive(_ bytes: [UInt8], from remote: TransportAddress, to local: TransportAddress) {
        datagrams.append(bytes)
    }

    func socketError() {}

    func receiveComplete() {
        continuation.yield(datagrams.count)
    }
}
