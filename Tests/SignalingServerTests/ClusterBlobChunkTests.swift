@testable import SignalingServer
import Testing

/// A batch's large envelopes go to the database a chunk per statement, in order: bounded in
/// bytes (one larger envelope alone) and in rows, every envelope in exactly one chunk.
@Suite struct ClusterBlobChunkTests {
    @Test func chunksKeepOrderAndStayWithinTheirBounds() {
        #expect(ClusterStore.blobChunks(sizes: []) == [])
        #expect(ClusterStore.blobChunks(sizes: [10, 10, 10], maxBytes: 20, maxRows: 8) == [0..<2, 2..<3])
        // One too large for a chunk goes alone, between its neighbours' chunks.
        #expect(ClusterStore.blobChunks(sizes: [5, 50, 5, 5], maxBytes: 20, maxRows: 8) == [0..<1, 1..<2, 2..<4])
        #expect(ClusterStore.blobChunks(sizes: Array(repeating: 1, count: 7), maxBytes: 100, maxRows: 3) == [0..<3, 3..<6, 6..<7])
        // The defaults: rows of 64 KiB go 64 to a 4 MiB chunk; rows of 1 KiB 256 to one.
        let chunks = ClusterStore.blobChunks(sizes: Array(repeating: 64 << 10, count: 600))
        #expect(chunks.count == 10)
        #expect(ClusterStore.blobChunks(sizes: Array(repeating: 1 << 10, count: 600)).map(\.count) == [256, 256, 88])
        #expect(chunks.allSatisfy { $0.count <= 64 })
        #expect(chunks.flatMap { Array($0) } == Array(0..<600))
    }
}
