public import ICE
import STUN
public import RTCBase

/// Runs ICE agents, TURN servers and a ``SimulatedNetwork`` on one ``VirtualClock``.
///
/// ``progress(until:maxSteps:timeout:)`` jumps from one scheduled instant to the next (a network
/// delivery, a core's timeout, a signaling message), so a whole connection takes microseconds of
/// real time. Every loop is bounded in steps and in virtual time.
///
/// With ``autoSignal`` on, each agent's trickled candidates and end-of-candidates reach every other
/// agent after ``signalingDelay``, as a signaling server would deliver them.
public final class ICESimulation {
    /// A message on the simulated signaling channel.
    public enum Signal: Sendable {
        /// A trickled candidate.
        case candidate(Candidate)
        /// End of candidates.
        case endOfCandidates
        /// ICE credentials (initial or after a restart).
        case credentials(ICECredentials)
    }

    /// The shared virtual clock.
    public var clock = VirtualClock()
    /// The network between everyone.
    public var network: SimulatedNetwork
    /// The agents, addressed by index.
    public var agents: [ICEAgent]
    /// TURN servers reachable on the network.
    public var turnServers: [TURNServer]
    /// Every event each agent produced, in order.
    public private(set) var events: [[ICEEvent]]
    /// Application payloads each agent received.
    public private(set) var received: [[[UInt8]]]
    /// Forward trickled candidates and end-of-candidates to the other agents.
    public var autoSignal = true
    /// Latency of the signaling channel.
    public var signalingDelay: Duration = .milliseconds(20)
    /// Datagrams addressed to nobody.
    public private(set) var unroutable = 0
    /// Steps taken so far.
    public private(set) var steps = 0
    /// The longest run of consecutive steps that neither moved the clock nor delivered anything:
    /// a core whose timeout stays in the past after ``ICEAgent/handleTimeout(now:)`` spins here.
    public private(set) var longestStall = 0

    /// TURN-over-TCP/TLS connections the agents opened, by the address their server sees them
    /// from. The stream itself is modelled as lossless: frames are reassembled at the server and
    /// re-framed towards the agent (``StreamFramer``), in arbitrary read sizes for the agent.
    public private(set) var streams: [TransportAddress: (agent: Int, connection: RelayConnection)] = [:]
    /// Reads into an agent's stream are cut into pieces of at most this many bytes (split reads).
    public var streamReadSize = 7

    private var stall = 0
    private var streamFramers: [TransportAddress: StreamFramer] = [:]

    private var signals: [(at: RTCInstant, to: Int, signal: Signal)] = []

    /// Creates a simulation; call ``start()`` to exchange credentials and begin gathering.
    public init(agents: [ICEAgent], network: SimulatedNetwork, turnServers: [TURNServer] = []) {
        self.agents = agents
        self.network = network
        self.turnServers = turnServers
        self.events = Array(repeating: [], count: agents.count)
        self.received = Array(repeating: [], count: agents.count)
    }

    /// The current virtual instant.
    public var now: RTCInstant { clock.now }

    /// Gives every agent the others' credentials (two-agent setups) and starts gathering.
    public func start(exchangeCredentials: Bool = true) {
        if exchangeCredentials { self.exchangeCredentials() }
        for index in agents.indices { agents[index].startGathering(now: now) }
        drain()
    }

    /// Sets each agent's remote credentials to the other agent's (exactly two agents).
    public func exchangeCredentials() {
        precondition(agents.count == 2, "credential exchange is defined for two agents")
        agents[0].setRemoteCredentials(agents[1].localCredentials, now: now)
        agents[1].setRemoteCredentials(agents[0].localCredentials, now: now)
    }

    /// Queues a signaling message to agent `index`, delivered after ``signalingDelay``.
    public func signal(_ signal: Signal, to index: Int) {
        signals.append((now + signalingDelay, index, signal))
    }

    /// Advances until `condition` holds; returns whether it did within the bounds.
    @discardableResult
    public func progress(until condition: (ICESimulation) -> Bool, maxSteps: Int = 50_000,
                         timeout: Duration = .seconds(60)) -> Bool {
        let deadline = now + timeout
        var taken = 0
        while !condition(self) {
            guard taken < maxSteps, step(notAfter: deadline) else { return condition(self) }
            taken += 1
        }
        return true
    }

    /// Advances for `duration` of virtual time (bounded by `maxSteps`).
    public func progress(for duration: Duration, maxSteps: Int = 50_000) {
        let deadline = now + duration
        var taken = 0
        while taken < maxSteps, step(notAfter: deadline) { taken += 1 }
        clock.advance(to: deadline)
    }

    /// Runs the next scheduled instant if it is not after `deadline`; returns `false` otherwise.
    public func step(notAfter deadline: RTCInstant) -> Bool {
        drain()
        var candidates: [RTCInstant] = []
        if let delivery = network.nextDelivery { candidates.append(delivery) }
        candidates += agents.compactMap { $0.pollTimeout() }
        candidates += turnServers.compactMap { $0.pollTimeout() }
        candidates += signals.map(\.at)
        guard let next = candidates.min(), next <= deadline else { return false }
        steps += 1
        let before = clock.now
        clock.advance(to: next)
        let now = clock.now
        var delivered = false
        while let transmit = network.pollDelivery(now: now) {
            route(transmit)
            delivered = true
        }
        stall = now == before && !delivered ? stall + 1 : 0
        longestStall = max(longestStall, stall)
        let due = signals.filter { $0.at <= now }
        signals.removeAll { $0.at <= now }
        for item in due { apply(item.signal, to: item.to) }
        for index in agents.indices where (agents[index].pollTimeout() ?? .init(nanoseconds: .max)) <= now {
            agents[index].handleTimeout(now: now)
        }
        for index in turnServers.indices where (turnServers[index].pollTimeout() ?? .init(nanoseconds: .max)) <= now {
            turnServers[index].handleTimeout(now: now)
        }
        drain()
        return true
    }

    /// Sends application data from agent `index` on its selected pair.
    public func send(_ bytes: [UInt8], from index: Int) throws(ICEError) {
        try agents[index].send(bytes, now: now)
        drain()
    }

    /// Events of agent `index` matching `predicate`.
    public func events(of index: Int, where predicate: (ICEEvent) -> Bool) -> [ICEEvent] {
        events[index].filter(predicate)
    }

    /// Every connection state agent `index` went through, in order.
    public func connectionStates(of index: Int) -> [ICEConnectionState] {
        events[index].compactMap {
            if case .connectionStateChanged(let state) = $0 { return state }
            return nil
        }
    }

    /// Whether both of the first two agents are connected or completed.
    public var bothConnected: Bool {
        agents.prefix(2).allSatisfy { $0.connectionState == .connected || $0.connectionState == .completed }
    }

    /// The address a TURN server sees an agent's stream connection come from.
    public static func streamAddress(agent: Int, connection: RelayConnection) -> TransportAddress {
        TransportAddress(ip: connection.local.ip, port: UInt16(truncatingIfNeeded: 40_000 + agent * 1000 + connection.id))
    }

    /// Closes an agent's stream connection, as a server reset or a dropped TCP connection would.
    public func closeStream(agent: Int, connection: RelayConnection) {
        let address = Self.streamAddress(agent: agent, connection: connection)
        streams[address] = nil
        streamFramers[address] = nil
        agents[agent].handleConnectionClosed(connection, reason: "reset", now: now)
        drain()
    }

    private func sendOnStream(_ transmit: Transmit, connection: RelayConnection, from agent: Int) {
        let address = Self.streamAddress(agent: agent, connection: connection)
        streams[address] = (agent, connection)
        var framer = streamFramers[address] ?? StreamFramer()
        let messages = (try? framer.append(transmit.payload)) ?? []
        streamFramers[address] = framer
        for message in messages {
            network.send(Transmit(source: address, destination: connection.server, payload: message), now: now)
        }
    }

    private func route(_ transmit: Transmit) {
        if let stream = streams[transmit.destination] {
            let bytes = StreamFramer.frame(transmit.payload)
            for start in stride(from: 0, to: bytes.count, by: max(1, streamReadSize)) {
                let piece = Array(bytes[start..<min(start + max(1, streamReadSize), bytes.count)])
                agents[stream.agent].handle(streamBytes: piece, on: stream.connection, now: now)
            }
        } else if let index = agents.firstIndex(where: { $0.hostAddresses.contains(transmit.destination) }) {
            agents[index].handle(transmit.payload, from: transmit.source, to: transmit.destination, now: now)
        } else if let index = turnServers.firstIndex(where: { $0.owns(transmit.destination) }) {
            turnServers[index].handle(transmit.payload, from: transmit.source, to: transmit.destination, now: now)
        } else {
            unroutable += 1
        }
    }

    private func apply(_ signal: Signal, to index: Int) {
        switch signal {
        case .candidate(let candidate): agents[index].addRemoteCandidate(candidate, now: now)
        case .endOfCandidates: agents[index].setRemoteEndOfCandidates(now: now)
        case .credentials(let credentials): agents[index].setRemoteCredentials(credentials, now: now)
        }
    }

    /// Moves every pending transmit onto the network and records every event.
    public func drain() {
        var moved = true
        while moved {
            moved = false
            for index in agents.indices {
                while let transmit = agents[index].pollTransmit() {
                    if let connection = transmit.connection {
                        sendOnStream(transmit, connection: connection, from: index)
                    } else if !agents[index].hostAddresses.contains(transmit.source) {
                        // Sent from an address a restart removed: its socket is gone.
                        unroutable += 1
                    } else {
                        network.send(transmit, now: now)
                    }
                    moved = true
                }
                while let event = agents[index].pollEvent() {
                    record(event, of: index)
                    moved = true
                }
            }
            for index in turnServers.indices {
                while let transmit = turnServers[index].pollTransmit() {
                    network.send(transmit, now: now)
                    moved = true
                }
            }
        }
    }

    private func record(_ event: ICEEvent, of index: Int) {
        events[index].append(event)
        switch event {
        case .data(let bytes, _):
            received[index].append(bytes)
        case .localCandidate(let candidate) where autoSignal:
            for other in agents.indices where other != index { signal(.candidate(candidate), to: other) }
        case .gatheringStateChanged(.complete) where autoSignal:
            for other in agents.indices where other != index { signal(.endOfCandidates, to: other) }
        default:
            break
        }
    }
}
