// Tests reach the simulation kit and the bounded-wait tools through this module, as before they
// moved to RTCSimulation (which benchmarks use too).
@_exported public import RTCSimulation
