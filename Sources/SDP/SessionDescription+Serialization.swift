extension SessionDescription {
    /// The description as SDP text, every line terminated by CRLF.
    ///
    /// RFC 8866 section 5: "The sequence CRLF (0x0d0a) is used to end a line".
    public var text: String {
        var out = ""
        for line in sessionLines {
            out += line.text
            out += "\r\n"
        }
        for section in media {
            out += "m="
            out += section.mediaLineValue
            out += "\r\n"
            for line in section.lines {
                out += line.text
                out += "\r\n"
            }
        }
        return out
    }
}
