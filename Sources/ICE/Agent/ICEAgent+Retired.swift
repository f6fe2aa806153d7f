import RTCBase

extension ICEAgent {
    /// Drops the retired local candidates nothing uses any more, and the relay slots that are done
    /// with them, so that ``locals`` does not grow with every network change.
    ///
    /// A retired candidate stays while something still refers to it by index: the selected pair
    /// (it keeps its consent checks until the new generation nominates, RFC 8445 §9), a pair or
    /// check, a gathering, or a relay slot whose allocation is still being released (its
    /// Refresh with LIFETIME 0, RFC 8656 §7.2, is still out). Runs on a network change
    /// (``restart(localCredentials:hostAddresses:servers:now:)``), outside any loop over the
    /// indices it rewrites; so the retired ones kept are at most those of the previous move
    /// that are still in use.
    mutating func dropUnusedRetired() {
        var used = Set<Int>()
        if let selectedPair { used.insert(selectedPair.localIndex) }
        for pair in checklist { used.insert(pair.localIndex) }
        for check in checks.values { used.insert(check.localIndex) }
        for gather in gatherings.values { used.insert(gather.baseIndex) }
        // A relay slot goes once its allocation is released or failed and both candidates it
        // refers to are retired and otherwise unused; the others keep theirs.
        var keptRelays: [Int] = []
        for (index, slot) in relays.enumerated() {
            let released = switch slot.client.state {
            case .closed, .failed: true
            case .allocating, .allocated, .closing: false
            }
            let candidates = [slot.baseIndex] + (slot.localIndex.map { [$0] } ?? [])
            if released, candidates.allSatisfy({ locals[$0].retired && !used.contains($0) }) { continue }
            keptRelays.append(index)
            used.formUnion(candidates)
        }
        let keptLocals = locals.indices.filter { !locals[$0].retired || used.contains($0) }
        guard keptLocals.count < locals.count || keptRelays.count < relays.count else { return }

        var localMap: [Int: Int] = [:]
        for (new, old) in keptLocals.enumerated() { localMap[old] = new }
        var relayMap: [Int: Int] = [:]
        for (new, old) in keptRelays.enumerated() { relayMap[old] = new }
        // Every index kept maps: a kept local's relay slot is kept (the slot refers back to it),
        // and a kept slot's candidates are kept (`used`).
        locals = keptLocals.map { old in
            var local = locals[old]
            local.relay = local.relay.map { relayMap[$0]! }
            return local
        }
        relays = keptRelays.map { old in
            var slot = relays[old]
            slot.baseIndex = localMap[slot.baseIndex]!
            slot.localIndex = slot.localIndex.map { localMap[$0]! }
            return slot
        }
        for index in checklist.indices { checklist[index].localIndex = localMap[checklist[index].localIndex]! }
        if let pair = selectedPair { selectedPair?.localIndex = localMap[pair.localIndex]! }
        checks = checks.mapValues { check in
            var check = check
            check.localIndex = localMap[check.localIndex]!
            return check
        }
        gatherings = gatherings.mapValues { gather in
            var gather = gather
            gather.baseIndex = localMap[gather.baseIndex]!
            return gather
        }
    }

    /// Forgets the foundations no candidate has any more (their base or server went with a
    /// network change), so that a session moving between networks does not keep one per address
    /// it ever had. A base that comes back gets a new one, which RFC 8445 §5.1.1.3 allows: it
    /// asks only that the candidates there are share one when they share type, base and server.
    mutating func forgetUnusedFoundations() {
        let inUse = Set(locals.map(\.candidate.foundation) + localPeerReflexives.map(\.foundation))
        foundations = foundations.filter { inUse.contains($0.value) }
    }
}
