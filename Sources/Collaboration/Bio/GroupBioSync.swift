public import Foundation

/// Combines the latest bio sample of every participant into group figures (sans-IO).
///
/// Feed every received (and the local) sample with `record(_:from:now:)`; call `update(now:)`
/// whenever the figures are wanted (e.g. 4 times a second). `now` is microseconds on the shared
/// clock, the same clock as the samples' timestamps.
///
/// - Participants heard from within `staleAfter` (5 s) count; the others are left out (and
///   forgotten after 12 × `staleAfter`).
/// - Means are plain means over the counted participants.
/// - Heart-rate agreement: `A = 1 − min(σ / 15 bpm, 1)`, σ the population standard deviation.
/// - Phase alignment: each participant's breathing phase is carried from its sample's timestamp
///   to `now` at its own breathing rate, `θ_k = φ_k + 2π (rate_k / 60) (now − t_k)`, then
///   `R = |(1/n) Σ e^{iθ_k}|` (Kuramoto). Identical phases give 1, two opposite phases 0. For
///   n random phases R is about `1/√n`, so small groups read higher by chance.
/// - Synchrony: `0.5 A + 0.5 R` (or `A` when fewer than 2 phases are known).
/// - Flow leader: the highest coherence. A challenger replaces the leader only after leading it
///   by at least `leaderMargin` (0.05) continuously for `leaderHoldTime` (3 s); a stale or removed
///   leader is replaced at once. Ties go to the smaller UUID string (deterministic).
public struct GroupBioSync: Sendable {
    /// Tuning of the group figures.
    public struct Configuration: Hashable, Sendable {
        /// Samples older than this (by arrival) are left out, microseconds.
        public var staleAfter: Int64 = 5_000_000
        /// The heart-rate standard deviation at which agreement reaches 0, bpm.
        public var heartRateSpreadScale: Double = 15
        /// How far a challenger's coherence must exceed the leader's.
        public var leaderMargin: Double = 0.05
        /// How long a challenger must keep that lead, microseconds.
        public var leaderHoldTime: Int64 = 3_000_000
        /// The most participants tracked; the longest-silent is forgotten first.
        public var maximumParticipants = 64

        /// The defaults above.
        public init() {}
    }

    private struct Entry: Sendable {
        var sample: BioSample
        var heardAt: Int64
    }

    /// The tuning in use.
    public let configuration: Configuration
    /// The current flow leader.
    public private(set) var leader: UUID?

    private var entries: [UUID: Entry] = [:]
    private var challenger: (id: UUID, since: Int64)?

    /// Creates an empty group.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Stores `sample` as `participant`'s latest, heard at `now`.
    public mutating func record(_ sample: BioSample, from participant: UUID, now: Int64) {
        if entries[participant] == nil, entries.count >= max(1, configuration.maximumParticipants),
           let oldest = entries.min(by: { $0.value.heardAt < $1.value.heardAt })?.key {
            entries[oldest] = nil
        }
        entries[participant] = Entry(sample: sample, heardAt: now)
    }

    /// Forgets a participant (it left the room).
    public mutating func remove(_ participant: UUID) {
        entries[participant] = nil
        if leader == participant { leader = nil }
        if challenger?.id == participant { challenger = nil }
    }

    /// Computes the group figures at `now` and advances the flow-leader state.
    public mutating func update(now: Int64) -> GroupBioState {
        let forgetAfter = configuration.staleAfter.multipliedReportingOverflow(by: 12)
        entries = entries.filter {
            forgetAfter.overflow || now.subtractingSaturating($0.value.heardAt) <= forgetAfter.partialValue
        }
        let active = entries
            .filter { now.subtractingSaturating($0.value.heardAt) <= configuration.staleAfter }
            .map { (id: $0.key, sample: $0.value.sample) }
            .sorted { $0.id.uuidString < $1.id.uuidString }
        updateLeader(active: active, now: now)
        guard !active.isEmpty else {
            return GroupBioState(
                participantCount: 0, meanHeartRate: nil, meanRMSSD: nil, meanCoherence: nil,
                heartRateAgreement: nil, phaseAlignment: nil, synchrony: nil, flowLeader: nil
            )
        }
        let count = Double(active.count)
        let meanHeartRate = active.reduce(0) { $0 + $1.sample.heartRate } / count
        let meanRMSSD = active.reduce(0) { $0 + $1.sample.rmssd } / count
        let meanCoherence = active.reduce(0) { $0 + $1.sample.coherence } / count

        var agreement: Double?
        if active.count >= 2 {
            let variance = active.reduce(0) { $0 + pow($1.sample.heartRate - meanHeartRate, 2) } / count
            let scale = max(configuration.heartRateSpreadScale, .ulpOfOne)
            agreement = 1 - min(variance.squareRoot() / scale, 1)
        }
        let phases = active.compactMap { entry -> Double? in
            guard let phase = entry.sample.breathingPhase else { return nil }
            // Timestamps come from peers: saturate rather than overflow.
            let elapsed = Double(now.subtractingSaturating(entry.sample.timestamp)) / 1_000_000
            return phase + 2 * Double.pi * entry.sample.breathingRate / 60 * elapsed
        }
        let alignment = phases.count >= 2 ? Self.orderParameter(phases) : nil
        let synchrony: Double? = agreement.map { a in alignment.map { 0.5 * a + 0.5 * $0 } ?? a }
        return GroupBioState(
            participantCount: active.count,
            meanHeartRate: meanHeartRate,
            meanRMSSD: meanRMSSD,
            meanCoherence: meanCoherence,
            heartRateAgreement: agreement,
            phaseAlignment: alignment,
            synchrony: synchrony,
            flowLeader: leader
        )
    }

    /// The Kuramoto order parameter `|mean e^{iθ}|` of `phases` (radians), 0...1.
    public static func orderParameter(_ phases: [Double]) -> Double {
        guard !phases.isEmpty else { return 0 }
        let re = phases.reduce(0) { $0 + cos($1) } / Double(phases.count)
        let im = phases.reduce(0) { $0 + sin($1) } / Double(phases.count)
        return min((re * re + im * im).squareRoot(), 1)
    }

    private mutating func updateLeader(active: [(id: UUID, sample: BioSample)], now: Int64) {
        // `active` is sorted by UUID string, so `max` keeping the first of equals breaks ties.
        var top: (id: UUID, sample: BioSample)?
        for entry in active where top == nil || entry.sample.coherence > (top?.sample.coherence ?? 0) {
            top = entry
        }
        guard let top else {
            leader = nil
            challenger = nil
            return
        }
        guard let current = leader, let held = active.first(where: { $0.id == current }) else {
            leader = top.id
            challenger = nil
            return
        }
        guard top.id != current, top.sample.coherence >= held.sample.coherence + configuration.leaderMargin else {
            challenger = nil
            return
        }
        if let challenger, challenger.id == top.id {
            if now.subtractingSaturating(challenger.since) >= configuration.leaderHoldTime {
                leader = top.id
                self.challenger = nil
            }
        } else {
            challenger = (top.id, now)
            if configuration.leaderHoldTime <= 0 {
                leader = top.id
                challenger = nil
            }
        }
    }
}
