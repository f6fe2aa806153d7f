extension WebRTCDataSession {
    /// The proto values that carry SCTP over DTLS per RFC 8841 section 4.1.
    static let sctpProtos: Set<String> = ["UDP/DTLS/SCTP", "TCP/DTLS/SCTP"]

    /// Extracts the first data-channel m-section of `description`.
    ///
    /// Recognizes RFC 8841 section 4.1 (`m=application <port> UDP/DTLS/SCTP webrtc-datachannel`,
    /// also `TCP/DTLS/SCTP`) and the legacy form older stacks send
    /// (`m=application <port> DTLS/SCTP 5000` with `a=sctpmap:5000 webrtc-datachannel 1024`).
    ///
    /// - Throws: ``SDPError`` when there is no such section, a required attribute is missing,
    ///   or a recognized attribute is malformed.
    public init(_ description: SessionDescription) throws(SDPError) {
        var found: (index: Int, legacyPort: UInt16?)?
        for (index, section) in description.media.enumerated() where section.media == "application" {
            if Self.sctpProtos.contains(section.proto), section.formats.contains("webrtc-datachannel") {
                found = (index, nil)
                break
            }
            if section.proto == "DTLS/SCTP", let port = try Self.legacySCTPMapPort(section) {
                found = (index, port)
                break
            }
        }
        guard let found else { throw .noDataChannelMedia }
        let section = description.media[found.index]

        /// RFC 8839 section 5.4 and RFC 8122 section 5: these may appear at session or media level;
        /// the media level wins.
        func values(_ name: String) -> [String?] {
            let media = section.attributeValues(name)
            return media.isEmpty ? description.attributeValues(name) : media
        }

        // RFC 8839 section 5.4: ice-ufrag = 4*256ice-char, ice-pwd = 22*256ice-char.
        guard let ufrag = values("ice-ufrag").first ?? nil else { throw .missingICEUsernameFragment }
        guard Self.isICECredential(ufrag, minimumLength: 4) else { throw .invalidICECredential(ufrag) }
        guard let pwd = values("ice-pwd").first ?? nil else { throw .missingICEPassword }
        guard Self.isICECredential(pwd, minimumLength: 22) else { throw .invalidICECredential(pwd) }

        // RFC 8839 section 5.6: ice-options = "ice-options:" ice-option-tag *(SP ice-option-tag).
        let iceOptions = values("ice-options").compactMap { $0 }.flatMap { $0.split(separator: " ").map(String.init) }

        var fingerprints: [SDPFingerprint] = []
        for value in values("fingerprint") {
            fingerprints.append(try SDPFingerprint(attributeValue: value ?? ""))
        }
        guard !fingerprints.isEmpty else { throw .missingFingerprint }

        var setup: DTLSSetupRole?
        if let value = values("setup").first {
            guard let role = value.flatMap(DTLSSetupRole.init(rawValue:)) else {
                throw .invalidSetup(value ?? "")
            }
            setup = role
        }

        // RFC 8841 section 5.2: sctp-port-attr = "a=sctp-port:" portnumber.
        var sctpPort = found.legacyPort ?? 5000
        if let value = section.attributeValues("sctp-port").first {
            guard let port = value.flatMap({ SessionDescription.decimalPort(Substring($0)) }) else {
                throw .invalidSCTPPort(value ?? "")
            }
            sctpPort = port
        }

        // RFC 8841 section 6.2: max-message-size-attr = "a=max-message-size:" max-message-size,
        // max-message-size = 1*DIGIT.
        var maxMessageSize: UInt64?
        if let value = section.attributeValues("max-message-size").first {
            guard let text = value, !text.isEmpty,
                text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let size = UInt64(text)
            else { throw .invalidMaxMessageSize(value ?? "") }
            maxMessageSize = size
        }

        let bundle = description.attributeValues("group").lazy.compactMap { $0 }
            .map { $0.split(separator: " ").map(String.init) }
            .first { $0.first == "BUNDLE" }

        self.init(
            mediaIndex: found.index,
            port: section.port,
            isLegacySCTPMap: found.legacyPort != nil,
            mid: section.attributeValues("mid").first ?? nil,
            bundleGroup: bundle.map { Array($0.dropFirst()) },
            iceUsernameFragment: ufrag,
            icePassword: pwd,
            iceOptions: iceOptions,
            fingerprints: fingerprints,
            setup: setup,
            sctpPort: sctpPort,
            maxMessageSize: maxMessageSize,
            candidates: section.attributeValues("candidate").map { "candidate:\($0 ?? "")" },
            endOfCandidates: !section.attributeValues("end-of-candidates").isEmpty
                || !description.attributeValues("end-of-candidates").isEmpty
        )
    }

    /// The port of a legacy `a=sctpmap:<port> webrtc-datachannel [<streams>]` whose port is one of
    /// the section's formats, nil when the section has none for a data channel.
    private static func legacySCTPMapPort(_ section: MediaDescription) throws(SDPError) -> UInt16? {
        for value in section.attributeValues("sctpmap") {
            let fields = (value ?? "").split(separator: " ")
            guard fields.count >= 2, fields[1] == "webrtc-datachannel" else { continue }
            guard let port = SessionDescription.decimalPort(fields[0]) else {
                throw .invalidSCTPMap(value ?? "")
            }
            if section.formats.contains(String(fields[0])) { return port }
        }
        return nil
    }

    /// RFC 8839 section 5.4: `ice-char = ALPHA / DIGIT / "+" / "/"`, at most 256 of them.
    private static func isICECredential(_ text: String, minimumLength: Int) -> Bool {
        (minimumLength...256).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                    true
                default: false
                }
            }
    }
}
