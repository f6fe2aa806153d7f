public import Foundation

/// The room's combined bio figures at one instant (see `GroupBioSync` for the formulas).
public struct GroupBioState: Hashable, Sendable {
    /// Participants heard from within the staleness limit (5 s).
    public let participantCount: Int
    /// Mean heart rate of those participants, bpm; `nil` with none.
    public let meanHeartRate: Double?
    /// Mean RMSSD, ms; `nil` with none.
    public let meanRMSSD: Double?
    /// Mean coherence, 0...1; `nil` with none.
    public let meanCoherence: Double?
    /// `1 − min(σ_HR / 15 bpm, 1)` (population standard deviation); `nil` under 2 participants.
    public let heartRateAgreement: Double?
    /// Kuramoto order parameter `R = |mean e^{iθ_k}|` of breathing phases carried to the same
    /// instant, 0...1; `nil` under 2 participants with a phase.
    public let phaseAlignment: Double?
    /// `0.5 × heartRateAgreement + 0.5 × phaseAlignment`, or `heartRateAgreement` alone when no
    /// phases are known; 0...1; `nil` under 2 participants.
    public let synchrony: Double?
    /// The participant with the highest coherence, held against flicker; `nil` with none.
    public let flowLeader: UUID?
}
