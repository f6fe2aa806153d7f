// Two Pion peers in one process on 127.0.0.1: the same measurements as `collab bench peer`, so the two
// stacks can be compared in one run (issue 15).
//
// Per run: connect = CreateDataChannel/CreateOffer until the offerer's "echo" channel is open (peers and
// certificates made beforehand, candidates trickled); RTT = --messages 64-byte messages echoed one at a time
// from the channels' OnMessage callbacks (p50/p99/max); throughput = --size reliable ordered messages for
// --seconds into a "discard" channel, paced by BufferedAmount (--high-water, low threshold a quarter of it),
// confirmed by the receiver's answer to "count?"; CPU = this process's user+system time in that phase per MB.
// Each peer has its own UDP socket with --socket-buffer bytes of send and receive buffer (Pion's UDP mux).
// Medians of --runs; --json prints one object.
//
// Built offline against Debian's golang-github-pion-webrtc.v3-dev (3.1.56) by Interop/setup.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"syscall"
	"time"

	"github.com/pion/ice/v2"
	"github.com/pion/logging"
	"github.com/pion/webrtc/v3"
)

type options struct {
	runs, messages, size, highWater, socketBuffer int
	seconds                                       float64
	json                                          bool
}

type result struct {
	connectMS, rttP50, rttP99, rttMax, mbPerS, cpuMSPerMB float64
}

func cpuSeconds() float64 {
	var u syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return float64(u.Utime.Sec+u.Stime.Sec) + float64(u.Utime.Usec+u.Stime.Usec)/1e6
}

func percentile(values []float64, p float64) float64 {
	if len(values) == 0 {
		return 0
	}
	sorted := append([]float64(nil), values...)
	sort.Float64s(sorted)
	index := int(p * float64(len(sorted)-1))
	return sorted[index]
}

func newPeer(o options, certificate webrtc.Certificate) (*webrtc.PeerConnection, *net.UDPConn, error) {
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, nil, err
	}
	_ = conn.SetReadBuffer(o.socketBuffer)
	_ = conn.SetWriteBuffer(o.socketBuffer)
	s := webrtc.SettingEngine{}
	// Quiet: the UDP mux reports its socket's close at the end of every run as an error.
	loggers := logging.NewDefaultLoggerFactory()
	loggers.DefaultLogLevel = logging.LogLevelDisabled
	s.LoggerFactory = loggers
	s.SetIncludeLoopbackCandidate(true)
	s.SetInterfaceFilter(func(name string) bool { return name == "lo" })
	s.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	s.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	s.SetICEUDPMux(webrtc.NewICEUDPMux(loggers.NewLogger("udpmux"), conn))
	api := webrtc.NewAPI(webrtc.WithSettingEngine(s))
	pc, err := api.NewPeerConnection(webrtc.Configuration{ICEServers: []webrtc.ICEServer{},
		Certificates: []webrtc.Certificate{certificate}})
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	return pc, conn, nil
}

func measure(o options, certificates [2]webrtc.Certificate) (result, error) {
	var r result
	offerer, offererConn, err := newPeer(o, certificates[0])
	if err != nil {
		return r, err
	}
	defer offererConn.Close()
	defer offerer.Close()
	answerer, answererConn, err := newPeer(o, certificates[1])
	if err != nil {
		return r, err
	}
	defer answererConn.Close()
	defer answerer.Close()

	// The answerer echoes "echo" and counts "discard".
	answerer.OnDataChannel(func(dc *webrtc.DataChannel) {
		if dc.Label() == "echo" {
			dc.OnMessage(func(m webrtc.DataChannelMessage) {
				if m.IsString {
					_ = dc.SendText(string(m.Data))
				} else {
					_ = dc.Send(m.Data)
				}
			})
			return
		}
		count := 0
		dc.OnMessage(func(m webrtc.DataChannelMessage) {
			if m.IsString && string(m.Data) == "count?" {
				_ = dc.SendText(strconv.Itoa(count))
				return
			}
			count += len(m.Data)
		})
	})
	offerer.OnICECandidate(func(c *webrtc.ICECandidate) {
		if c != nil {
			_ = answerer.AddICECandidate(c.ToJSON())
		}
	})
	answerer.OnICECandidate(func(c *webrtc.ICECandidate) {
		if c != nil {
			_ = offerer.AddICECandidate(c.ToJSON())
		}
	})

	started := time.Now()
	echo, err := offerer.CreateDataChannel("echo", nil)
	if err != nil {
		return r, err
	}
	bulk, err := offerer.CreateDataChannel("discard", nil)
	if err != nil {
		return r, err
	}
	echoOpen, bulkOpen := make(chan struct{}), make(chan struct{})
	echo.OnOpen(func() { close(echoOpen) })
	bulk.OnOpen(func() { close(bulkOpen) })
	offer, err := offerer.CreateOffer(nil)
	if err != nil {
		return r, err
	}
	if err = offerer.SetLocalDescription(offer); err != nil {
		return r, err
	}
	if err = answerer.SetRemoteDescription(offer); err != nil {
		return r, err
	}
	answer, err := answerer.CreateAnswer(nil)
	if err != nil {
		return r, err
	}
	if err = answerer.SetLocalDescription(answer); err != nil {
		return r, err
	}
	if err = offerer.SetRemoteDescription(answer); err != nil {
		return r, err
	}
	select {
	case <-echoOpen:
	case <-time.After(30 * time.Second):
		return r, errors.New("echo did not open")
	}
	r.connectMS = float64(time.Since(started).Nanoseconds()) / 1e6

	// Round trips, driven from the OnMessage callback.
	payload := make([]byte, 64)
	for i := range payload {
		payload[i] = 0xA5
	}
	samples := make([]float64, 0, o.messages)
	done := make(chan struct{})
	sentAt := time.Now()
	echo.OnMessage(func(m webrtc.DataChannelMessage) {
		now := time.Now()
		samples = append(samples, now.Sub(sentAt).Seconds())
		if len(samples) == o.messages {
			close(done)
			return
		}
		sentAt = now
		_ = echo.Send(payload)
	})
	sentAt = time.Now()
	if err = echo.Send(payload); err != nil {
		return r, err
	}
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		return r, errors.New("echoes timed out")
	}
	r.rttP50, r.rttP99, r.rttMax = percentile(samples, 0.5)*1e6, percentile(samples, 0.99)*1e6, percentile(samples, 1)*1e6

	// Throughput into "discard", paced by BufferedAmount.
	select {
	case <-bulkOpen:
	case <-time.After(30 * time.Second):
		return r, errors.New("discard did not open")
	}
	low := make(chan struct{}, 1)
	bulk.SetBufferedAmountLowThreshold(uint64(o.highWater / 4))
	bulk.OnBufferedAmountLow(func() {
		select {
		case low <- struct{}{}:
		default:
		}
	})
	counted := make(chan string, 1)
	bulk.OnMessage(func(m webrtc.DataChannelMessage) { counted <- string(m.Data) })
	message := make([]byte, o.size)
	for i := range message {
		message[i] = 0x5A
	}
	cpuBefore := cpuSeconds()
	bulkStart := time.Now()
	deadline := bulkStart.Add(time.Duration(o.seconds * float64(time.Second)))
	sent := 0
	for time.Now().Before(deadline) {
		for int(bulk.BufferedAmount())+o.size <= o.highWater {
			if err = bulk.Send(message); err != nil {
				return r, err
			}
			sent += o.size
		}
		select {
		case <-low:
		case <-time.After(30 * time.Second):
			return r, errors.New("no bufferedamountlow")
		}
	}
	if err = bulk.SendText("count?"); err != nil {
		return r, err
	}
	select {
	case answer := <-counted:
		if answer != strconv.Itoa(sent) {
			return r, fmt.Errorf("the peer counted %s, we sent %d", answer, sent)
		}
	case <-time.After(60 * time.Second):
		return r, errors.New("no count")
	}
	elapsed := time.Since(bulkStart).Seconds()
	cpu := cpuSeconds() - cpuBefore
	megabytes := float64(sent) / 1e6
	r.mbPerS = megabytes / elapsed
	r.cpuMSPerMB = cpu * 1000 / megabytes
	return r, nil
}

func main() {
	var o options
	flag.IntVar(&o.runs, "runs", 5, "runs; the median of each figure is printed")
	flag.IntVar(&o.messages, "messages", 1000, "echoed messages for the round-trip figure")
	flag.Float64Var(&o.seconds, "seconds", 5, "seconds of bulk sending per run")
	flag.IntVar(&o.size, "size", 16384, "bytes per bulk message")
	flag.IntVar(&o.highWater, "high-water", 1<<20, "bytes that may wait in a channel before the sender pauses")
	flag.IntVar(&o.socketBuffer, "socket-buffer", 4<<20, "UDP send and receive buffer of each peer's socket")
	flag.BoolVar(&o.json, "json", false, "print one JSON object instead of text")
	flag.Parse()

	var certificates [2]webrtc.Certificate
	for i := range certificates {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		certificate, err := webrtc.GenerateCertificate(key)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		certificates[i] = *certificate
	}
	var results []result
	for i := 0; i < o.runs; i++ {
		r, err := measure(o, certificates)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pion-bench: run %d: %v\n", i+1, err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "pion-bench: run %d: connect %.2f ms, rtt p50 %.0f us, %.1f MB/s, %.1f ms CPU/MB\n",
			i+1, r.connectMS, r.rttP50, r.mbPerS, r.cpuMSPerMB)
		results = append(results, r)
	}
	pick := func(f func(result) float64) float64 {
		values := make([]float64, len(results))
		for i, r := range results {
			values[i] = f(r)
		}
		return percentile(values, 0.5)
	}
	report := []struct {
		key   string
		value float64
	}{
		{"runs", float64(o.runs)},
		{"connect_ms", pick(func(r result) float64 { return r.connectMS })},
		{"rtt_p50_us", pick(func(r result) float64 { return r.rttP50 })},
		{"rtt_p99_us", pick(func(r result) float64 { return r.rttP99 })},
		{"rtt_max_us", pick(func(r result) float64 { return r.rttMax })},
		{"throughput_mb_per_s", pick(func(r result) float64 { return r.mbPerS })},
		{"cpu_ms_per_mb", pick(func(r result) float64 { return r.cpuMSPerMB })},
	}
	if o.json {
		object := map[string]float64{}
		for _, item := range report {
			object[item.key] = item.value
		}
		encoded, _ := json.Marshal(object)
		fmt.Println(string(encoded))
		return
	}
	for _, item := range report {
		fmt.Printf("%s: %.2f\n", item.key, item.value)
	}
}
