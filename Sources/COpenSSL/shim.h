// The system OpenSSL (3.x) as a system library: pkg-config finds it where it is not on the
// default paths (Homebrew), and SwiftPM names the package to install when it is missing. Only the
// CDTLS shim includes it; Swift never sees OpenSSL.
#include <openssl/ssl.h>
