import ICE
import RTCBase
import SCTP
import Synchronization

extension PeerConnectionCore {
    /// Hands the records held since the last flush to the ICE agent. With
    /// ``PeerConnectionConfiguration/coalescesRecords``, consecutive records share a datagram while
    /// it stays within SCTP's path MTU (RFC 6347 §4.1.1: "Multiple DTLS records may be placed in a
    /// single datagram"); a record that is larger alone still travels alone, as before.
    func sendRecords() {
        guard !outgoingRecords.isEmpty else { return }
        let records = outgoingRecords
        outgoingRecords.removeAll(keepingCapacity: true)
        guard let now = outgoingRecordsAt else { return }
        counters.dtlsRecordsSent += records.count
        WireCounters.records.add(records.count, ordering: .relaxed)
        guard configuration.coalescesRecords, records.count > 1 else {
            for record in records { sendDatagram(record, now: now) }
            return
        }
        let limit = sctp?.configuration.pathMTU ?? SCTPConfiguration().pathMTU
        var datagram: [UInt8] = []
        for record in records {
            if !datagram.isEmpty, datagram.count + record.count > limit {
                sendDatagram(datagram, now: now)
                datagram.removeAll(keepingCapacity: true)
            }
            datagram.append(contentsOf: record)
        }
        sendDatagram(datagram, now: now)
    }

    private func sendDatagram(_ datagram: [UInt8], now: RTCInstant) {
        counters.dtlsDatagramsSent += 1
        WireCounters.datagrams.add(1, ordering: .relaxed)
        do {
            try agent?.send(datagram, now: now)
        } catch {
            counters.dtlsSendsFailed += 1
        }
    }

    /// Counts an SCTP packet on its way to DTLS, and whether it carries nothing but SACKs.
    func countSent(_ packet: [UInt8]) {
        counters.sctpPacketsSent += 1
        WireCounters.sctpPackets.add(1, ordering: .relaxed)
        if Self.isSACKOnly(packet) {
            counters.sackOnlyPacketsSent += 1
            WireCounters.sackOnlyPackets.add(1, ordering: .relaxed)
        }
    }

    /// RFC 9260 §3: a 12-byte common header, then chunks of type (1 byte), flags (1), length (2,
    /// header included, padded to 4 bytes); SACK is type 3 (§3.3.4).
    static func isSACKOnly(_ packet: [UInt8]) -> Bool {
        var offset = 12
        var chunks = 0
        while offset + 4 <= packet.count {
            let length = Int(packet[offset + 2]) << 8 | Int(packet[offset + 3])
            guard packet[offset] == 3, length >= 4 else { return false }
            chunks += 1
            offset += (length + 3) & ~3
        }
        return chunks > 0
    }
}
