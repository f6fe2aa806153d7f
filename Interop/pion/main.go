// Pion echo peer speaking the Interop stdin/stdout convention (see Interop/README.md).
//
// Answerer (default): reads one line {"type":"offer","sdp":...}, writes one line {"type":"answer","sdp":...}.
// Offerer (--offer):  writes one line {"type":"offer","sdp":...}, reads one line {"type":"answer","sdp":...}.
// Then echoes every message on every channel; channels whose label starts with "discard" only count bytes
// and answer the text "count?" with the decimal total. With --selftest it is the tester instead.
//
// Built offline against Debian's golang-github-pion-webrtc.v3-dev (3.1.56) by Interop/setup.
// stdout carries only the JSON lines; logs go to stderr.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pion/ice/v2"
	"github.com/pion/logging"
	"github.com/pion/webrtc/v3"
)

const (
	tool            = "pion"
	pionVersion     = "3.1.56"
	negotiatedID    = uint16(7)
	negotiatedLabel = "neg"
	discardChunk    = 16384
	discardCount    = 64
)

// Pion closes its receiving channel on a 65,536-byte message: never go past 65,535 with it.
var selftestSizes = []int{0, 1, 1024, 16384, 65535}

var (
	started = time.Now()
	outMu   sync.Mutex
)

func logf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "[%s %8.3f] %s\n", tool, time.Since(started).Seconds(), fmt.Sprintf(format, args...))
}

func emit(v interface{}) {
	b, _ := json.Marshal(v)
	outMu.Lock()
	defer outMu.Unlock()
	os.Stdout.Write(append(b, '\n'))
}

type signal struct {
	Type          string  `json:"type"`
	SDP           string  `json:"sdp,omitempty"`
	Candidate     *string `json:"candidate,omitempty"`
	SDPMid        *string `json:"sdpMid,omitempty"`
	SDPMLineIndex *uint16 `json:"sdpMLineIndex,omitempty"`
}

type options struct {
	offer, selftest, noCandidates                               bool
	report, iface                                               string
	lifetime, gatherTimeout, signalTimeout, connectTimeout      time.Duration
}

type message struct {
	isString bool
	data     []byte
}

type peer struct {
	opts     options
	pc       *webrtc.PeerConnection
	mu       sync.Mutex
	channels map[string]*webrtc.DataChannel
	opened   map[string]bool
	closed   map[string]bool
	discard  map[string]int
	inbox    map[string]chan message
	changed  chan struct{} // poked on every open/close
	done     chan string
	doneOnce sync.Once
	t0       time.Time
	remote   string
}

func (p *peer) poke() {
	select {
	case p.changed <- struct{}{}:
	default:
	}
}

func (p *peer) finish(reason string) {
	p.doneOnce.Do(func() { logf("finishing: %s", reason); p.done <- reason })
}

func (p *peer) allClosedLocked() bool {
	for label := range p.channels {
		if !p.closed[label] {
			return false
		}
	}
	return true
}

func (p *peer) adopt(dc *webrtc.DataChannel) {
	label := dc.Label()
	p.mu.Lock()
	p.channels[label] = dc
	if p.inbox[label] == nil {
		p.inbox[label] = make(chan message, 1024)
	}
	inbox := p.inbox[label]
	p.mu.Unlock()
	markOpen := func() {
		p.mu.Lock()
		first := !p.opened[label]
		p.opened[label] = true
		p.mu.Unlock()
		if first {
			logf("channel %q open (id=%d)", label, *dc.ID())
		}
		p.poke()
	}
	dc.OnOpen(markOpen)
	if dc.ReadyState() == webrtc.DataChannelStateOpen {
		markOpen()
	}
	dc.OnClose(func() {
		logf("channel %q closed", label)
		p.mu.Lock()
		p.closed[label] = true
		all := len(p.opened) > 0 && p.allClosedLocked()
		p.mu.Unlock()
		p.poke()
		if all && !p.opts.selftest {
			p.finish("all channels closed")
		}
	})
	dc.OnMessage(func(msg webrtc.DataChannelMessage) {
		if p.opts.selftest {
			inbox <- message{msg.IsString, append([]byte(nil), msg.Data...)}
			return
		}
		if strings.HasPrefix(label, "discard") {
			if msg.IsString && string(msg.Data) == "count?" {
				p.mu.Lock()
				n := p.discard[label]
				p.mu.Unlock()
				_ = dc.SendText(strconv.Itoa(n))
			} else {
				p.mu.Lock()
				p.discard[label] += len(msg.Data)
				p.mu.Unlock()
			}
			return
		}
		var err error
		if msg.IsString {
			err = dc.SendText(string(msg.Data))
		} else {
			err = dc.Send(msg.Data)
		}
		if err != nil {
			logf("echo on %q failed: %v", label, err)
		}
	})
}

func stripCandidates(sdp string) string {
	lines := strings.Split(sdp, "\r\n")
	kept := lines[:0]
	for _, l := range lines {
		if strings.HasPrefix(l, "a=candidate:") || l == "a=end-of-candidates" {
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\r\n")
}

func remoteMaxMessageSize(sdp string) int {
	for _, l := range strings.Split(sdp, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.HasPrefix(l, "a=max-message-size:") {
			n, err := strconv.Atoi(strings.TrimPrefix(l, "a=max-message-size:"))
			if err == nil {
				return n
			}
		}
	}
	return -1
}

func readLine(lines <-chan string, timeout time.Duration) (string, error) {
	select {
	case line, ok := <-lines:
		if !ok {
			return "", io.EOF
		}
		return line, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("no line within %v", timeout)
	}
}

func (p *peer) localSDP() (string, error) {
	select {
	case <-webrtc.GatheringCompletePromise(p.pc):
	case <-time.After(p.opts.gatherTimeout):
		logf("gathering not complete after %v: sending what we have", p.opts.gatherTimeout)
	}
	sdp := p.pc.LocalDescription().SDP
	if p.opts.noCandidates {
		sdp = stripCandidates(sdp)
	}
	return sdp, nil
}

func (p *peer) createChannels() error {
	negotiated, id := true, negotiatedID
	dc, err := p.pc.CreateDataChannel(negotiatedLabel, &webrtc.DataChannelInit{Negotiated: &negotiated, ID: &id})
	if err != nil {
		return err
	}
	p.adopt(dc)
	if !p.opts.offer {
		return nil
	}
	unordered, zero := false, uint16(0)
	for _, c := range []struct {
		label string
		init  *webrtc.DataChannelInit
	}{{"echo", nil}, {"unreliable", &webrtc.DataChannelInit{Ordered: &unordered, MaxRetransmits: &zero}}, {"discard", nil}} {
		dc, err := p.pc.CreateDataChannel(c.label, c.init)
		if err != nil {
			return err
		}
		p.adopt(dc)
	}
	return nil
}

func (p *peer) signal(lines <-chan string) error {
	if err := p.createChannels(); err != nil {
		return err
	}
	if p.opts.offer {
		p.t0 = time.Now()
		offer, err := p.pc.CreateOffer(nil)
		if err != nil {
			return err
		}
		if err := p.pc.SetLocalDescription(offer); err != nil {
			return err
		}
		sdp, _ := p.localSDP()
		emit(signal{Type: "offer", SDP: sdp})
		line, err := readLine(lines, p.opts.signalTimeout)
		if err != nil {
			return fmt.Errorf("waiting for the answer: %w", err)
		}
		var msg signal
		if err := json.Unmarshal([]byte(line), &msg); err != nil || msg.Type != "answer" {
			return fmt.Errorf("expected an answer line, got %.80q", line)
		}
		p.remote = msg.SDP
		return p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: msg.SDP})
	}
	line, err := readLine(lines, p.opts.signalTimeout)
	if err != nil {
		return fmt.Errorf("waiting for the offer: %w", err)
	}
	p.t0 = time.Now()
	var msg signal
	if err := json.Unmarshal([]byte(line), &msg); err != nil || msg.Type != "offer" {
		return fmt.Errorf("expected an offer line, got %.80q", line)
	}
	p.remote = msg.SDP
	if err := p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: msg.SDP}); err != nil {
		return err
	}
	answer, err := p.pc.CreateAnswer(nil)
	if err != nil {
		return err
	}
	if err := p.pc.SetLocalDescription(answer); err != nil {
		return err
	}
	sdp, _ := p.localSDP()
	emit(signal{Type: "answer", SDP: sdp})
	return nil
}

// applyCandidates takes {"type":"candidate",...} lines after the description (trickle from the remote).
func (p *peer) applyCandidates(lines <-chan string) {
	for line := range lines {
		var msg signal
		if err := json.Unmarshal([]byte(line), &msg); err != nil || msg.Type != "candidate" {
			logf("ignoring stdin line %.80q", line)
			continue
		}
		if msg.Candidate == nil || *msg.Candidate == "" {
			logf("remote end-of-candidates")
			continue
		}
		if err := p.pc.AddICECandidate(webrtc.ICECandidateInit{Candidate: *msg.Candidate, SDPMid: msg.SDPMid, SDPMLineIndex: msg.SDPMLineIndex}); err != nil {
			logf("addIceCandidate %q: %v", *msg.Candidate, err)
		} else {
			logf("added remote candidate %s", *msg.Candidate)
		}
	}
}

// ---- selftest ----

func textPayload(size int) []byte {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, size)
	for i := range b {
		b[i] = alphabet[(i+size)%len(alphabet)]
	}
	return b
}

func binaryPayload(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i*31 + size)
	}
	return b
}

func digest(isString bool, data []byte) string {
	h := sha256.Sum256(data)
	kind := "binary"
	if isString {
		kind = "text"
	}
	return fmt.Sprintf("%s %d %s", kind, len(data), hex.EncodeToString(h[:]))
}

type testCase struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

type report struct {
	Tool      string     `json:"tool"`
	Version   string     `json:"version"`
	Role      string     `json:"role"`
	ConnectMS *float64   `json:"connect_ms,omitempty"`
	Sizes     []int      `json:"sizes"`
	Cases     []testCase `json:"cases"`
	OK        bool       `json:"ok"`
	Passed    int        `json:"passed"`
	Failed    int        `json:"failed"`
	Error     string     `json:"error,omitempty"`
}

func (p *peer) waitFor(cond func() bool, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		p.mu.Lock()
		ok := cond()
		p.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-p.changed:
		case <-deadline:
			return false
		}
	}
}

func (p *peer) channel(label string) *webrtc.DataChannel {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.channels[label]
}

func (p *peer) inboxOf(label string) chan message {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.inbox[label]
}

func (p *peer) selftest() (r report) {
	r = report{Tool: tool, Version: pionVersion, Role: map[bool]string{true: "offerer", false: "answerer"}[p.opts.offer]}
	add := func(name string, ok bool, detail string) {
		r.Cases = append(r.Cases, testCase{name, ok, detail})
		verdict := "FAIL"
		if ok {
			verdict = "PASS"
		}
		logf("selftest %s %s %s", verdict, name, detail)
	}
	if !p.waitFor(func() bool { return p.opened["echo"] && p.opened[negotiatedLabel] }, p.opts.connectTimeout) {
		r.Error = "channels echo and neg did not open"
		return r
	}
	ms := float64(time.Since(p.t0).Microseconds()) / 1000
	r.ConnectMS = &ms
	if !p.waitFor(func() bool { return p.opened["unreliable"] && p.opened["discard"] }, 5*time.Second) {
		r.Error = "channels unreliable and discard did not open"
		return r
	}
	r.Sizes = append([]int(nil), selftestSizes...) // never 256 KiB: Pion itself cannot receive it
	for _, label := range []string{"echo", negotiatedLabel} {
		dc, inbox := p.channel(label), p.inboxOf(label)
		var sent []string
		for _, size := range r.Sizes {
			t, b := textPayload(size), binaryPayload(size)
			if err := dc.SendText(string(t)); err != nil {
				r.Error = err.Error()
			}
			sent = append(sent, digest(true, t))
			if err := dc.Send(b); err != nil {
				r.Error = err.Error()
			}
			sent = append(sent, digest(false, b))
		}
		var got []string
		timeout := time.After(10 * time.Second)
	collect:
		for len(got) < len(sent) {
			select {
			case m := <-inbox:
				got = append(got, digest(m.isString, m.data))
			case <-timeout:
				break collect
			}
		}
		for i, want := range sent {
			actual := "nothing"
			if i < len(got) {
				actual = got[i]
			}
			f := strings.Fields(want)
			add(fmt.Sprintf("%s %s %s B", label, f[0], f[1]), actual == want, map[bool]string{true: "", false: "got " + actual}[actual == want])
		}
	}
	// unordered, maxRetransmits 0
	dc, inbox := p.channel("unreliable"), p.inboxOf("unreliable")
	sentU := map[string]bool{}
	for i := 0; i < 20; i++ {
		m := fmt.Sprintf("u-%d-%s", i, textPayload(1000))
		sentU[m] = true
		_ = dc.SendText(m)
	}
	gotU, corrupt := 0, 0
	timeout := time.After(3 * time.Second)
collectU:
	for gotU < len(sentU) {
		select {
		case m := <-inbox:
			gotU++
			if !m.isString || !sentU[string(m.data)] {
				corrupt++
			}
		case <-timeout:
			break collectU
		}
	}
	add("unreliable carries data", gotU > 0 && corrupt == 0, fmt.Sprintf("%d/%d echoed, %d corrupt", gotU, len(sentU), corrupt))
	// discard
	dc, inbox = p.channel("discard"), p.inboxOf("discard")
	chunk := binaryPayload(discardChunk)
	for i := 0; i < discardCount; i++ {
		_ = dc.Send(chunk)
	}
	_ = dc.SendText("count?")
	answer := "nothing"
	select {
	case m := <-inbox:
		answer = string(m.data)
	case <-time.After(10 * time.Second):
	}
	add("discard count", answer == strconv.Itoa(discardChunk*discardCount), "answer "+answer)
	// close every channel from our side; each must reach closed
	p.mu.Lock()
	all := make([]*webrtc.DataChannel, 0, len(p.channels))
	for _, c := range p.channels {
		all = append(all, c)
	}
	p.mu.Unlock()
	for _, c := range all {
		_ = c.Close()
	}
	ok := p.waitFor(p.allClosedLocked, 5*time.Second)
	p.mu.Lock()
	var closed []string
	for l := range p.closed {
		closed = append(closed, l)
	}
	p.mu.Unlock()
	sort.Strings(closed)
	add("close reaches closed", ok, fmt.Sprintf("closed %v", closed))
	return r
}

func main() {
	var o options
	flag.BoolVar(&o.offer, "offer", false, "be the offerer (default: answerer)")
	flag.BoolVar(&o.selftest, "selftest", false, "be the tester instead of an echo peer")
	flag.StringVar(&o.report, "report", "", "selftest: write the JSON report here")
	flag.BoolVar(&o.noCandidates, "no-candidates", false, "strip a=candidate lines from what we send")
	flag.StringVar(&o.iface, "interface", "lo", "gather host candidates on this interface only (IPv4)")
	lifetime := flag.Float64("lifetime", 60, "exit after this many seconds")
	gather := flag.Float64("gather-timeout", 5, "bound on ICE gathering, seconds")
	signalTimeout := flag.Float64("signal-timeout", 30, "wait this long for the remote line, seconds")
	connect := flag.Float64("connect-timeout", 15, "selftest: wait this long for channels to open, seconds")
	flag.Parse()
	sec := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
	o.lifetime, o.gatherTimeout, o.signalTimeout, o.connectTimeout = sec(*lifetime), sec(*gather), sec(*signalTimeout), sec(*connect)
	os.Exit(run(o))
}

func run(o options) int {
	s := webrtc.SettingEngine{}
	// Pion's default logger writes to stdout, which carries only the JSON lines here: send it to stderr.
	// (PION_LOG_DEBUG=all and friends still work.)
	loggers := logging.NewDefaultLoggerFactory()
	loggers.Writer = os.Stderr
	s.LoggerFactory = loggers
	s.SetIncludeLoopbackCandidate(true)
	iface := o.iface
	s.SetInterfaceFilter(func(name string) bool { return name == iface })
	s.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	s.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled) // no multicast queries, ever
	api := webrtc.NewAPI(webrtc.WithSettingEngine(s))
	pc, err := api.NewPeerConnection(webrtc.Configuration{ICEServers: []webrtc.ICEServer{}})
	if err != nil {
		logf("NewPeerConnection: %v", err)
		return 1
	}
	p := &peer{opts: o, pc: pc, channels: map[string]*webrtc.DataChannel{}, opened: map[string]bool{}, closed: map[string]bool{},
		discard: map[string]int{}, inbox: map[string]chan message{}, changed: make(chan struct{}, 1), done: make(chan string, 1)}
	pc.OnDataChannel(func(dc *webrtc.DataChannel) {
		logf("remote opened channel %q id=%d ordered=%v maxRetransmits=%v", dc.Label(), *dc.ID(), dc.Ordered(), dc.MaxRetransmits())
		p.adopt(dc)
	})
	pc.OnConnectionStateChange(func(state webrtc.PeerConnectionState) {
		logf("connectionState %s", state)
		if state == webrtc.PeerConnectionStateFailed || state == webrtc.PeerConnectionStateClosed {
			p.finish("connection " + state.String())
		}
	})

	lines := make(chan string, 16)
	go func() {
		reader := bufio.NewReaderSize(os.Stdin, 1<<20)
		for {
			line, err := reader.ReadString('\n')
			if strings.TrimSpace(line) != "" {
				lines <- strings.TrimSpace(line)
			}
			if err != nil {
				close(lines)
				return
			}
		}
	}()

	code, reason := 1, ""
	lifetime := time.After(o.lifetime - time.Since(started))
	if err := p.signal(lines); err != nil {
		logf("signaling failed: %v", err)
		_ = pc.Close()
		return 1
	}
	logf("signaling done")
	go p.applyCandidates(lines)
	if o.selftest {
		result := make(chan report, 1)
		go func() { result <- p.selftest() }()
		var r report
		select {
		case r = <-result:
		case <-lifetime:
			r = report{Tool: tool, Version: pionVersion, Error: "lifetime reached during selftest"}
		}
		for _, c := range r.Cases {
			if c.OK {
				r.Passed++
			} else {
				r.Failed++
			}
		}
		r.OK = r.Error == "" && r.Failed == 0 && r.Passed > 0
		if o.report != "" {
			b, _ := json.MarshalIndent(r, "", " ")
			_ = os.WriteFile(o.report, b, 0o644)
		}
		if r.OK {
			code, reason = 0, "selftest passed"
		} else {
			code, reason = 1, "selftest failed: "+r.Error
		}
	} else {
		select {
		case reason = <-p.done:
			p.mu.Lock()
			if strings.HasPrefix(reason, "all channels closed") || (reason == "connection closed" && len(p.opened) > 0 && p.allClosedLocked()) {
				code = 0
			}
			p.mu.Unlock()
		case <-lifetime:
			reason = "lifetime reached"
			p.mu.Lock()
			if len(p.opened) > 0 {
				code = 2
			}
			p.mu.Unlock()
		}
	}
	closeDone := make(chan struct{})
	go func() { _ = pc.Close(); close(closeDone) }()
	select {
	case <-closeDone:
	case <-time.After(5 * time.Second):
	}
	p.mu.Lock()
	summary, _ := json.Marshal(map[string]interface{}{"event": "exit", "code": code, "reason": reason, "opened": p.opened, "closed": p.closed, "discard": p.discard})
	p.mu.Unlock()
	logf("%s", summary)
	return code
}
