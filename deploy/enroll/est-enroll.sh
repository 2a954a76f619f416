#!/bin/sh
# est-enroll.sh - obtain and renew a TLS certificate from an EST server (RFC 7030) with openssl and curl.
#
# Written for Kubernetes init containers and sidecars, runs on any POSIX shell (dash, busybox ash). The private
# key is generated here and never leaves this machine: only the CSR is sent.
#
# Usage: est-enroll.sh [enroll|renew [--loop SECONDS]|help]
#   enroll (default)  Nothing to do when tls.crt and tls.key exist, match and are not due for renewal (a restarted
#                     init container). A pair that is due but still valid is renewed as below. Otherwise: a new key
#                     and CSR, POSTed to /simpleenroll with the HTTP Basic bootstrap credential.
#   renew             Needs a valid tls.crt and tls.key. When due: a new key, a CSR with the subject and SANs of the
#                     current certificate, POSTed to /simplereenroll authenticated by the current certificate (mTLS).
#                     --loop SECONDS checks again every SECONDS, for a sidecar; a failed round is retried next round.
# Progress goes to standard output, failures to standard error as one line naming what failed; secrets never.
#
# Configuration: an environment variable wins over the file of the same meaning in EST_BOOTSTRAP_DIR (the keys of
# the bootstrap Secret, mounted as files). Empty variables count as unset; a file's trailing newlines are ignored.
#   variable          file in EST_BOOTSTRAP_DIR   meaning
#   EST_BOOTSTRAP_DIR                             directory of the files below; default /etc/est-bootstrap
#   EST_URL           url           required      EST base URL with the label, https://host:port/.well-known/est[/label]
#   EST_CA_BUNDLE     ca.crt        required      PEM file of the CAs that issue the server's TLS certificate and ours
#   EST_USERNAME      username      enroll        HTTP Basic bootstrap user name
#   EST_PASSWORD      password      enroll        HTTP Basic bootstrap password (never printed, never on a command line)
#   EST_COMMON_NAME   commonName    enroll        subject CN of the CSR
#   EST_DNS_NAMES     dnsNames      optional      comma-separated DNS subject alternative names
#   EST_IP_ADDRESSES  ipAddresses   optional      comma-separated IP address SANs
#   EST_URIS          uris          optional      comma-separated URI SANs
#   EST_OUT_DIR                                   output directory; default /var/run/est. Gets tls.key (mode 0600),
#                                                 tls.crt (the certificate, then any other certificates of the answer)
#                                                 and ca.crt (a copy of the CA bundle used), each replaced by mv
#   EST_KEY_TYPE                                  ec-p256 (default), ec-p384, rsa-2048, rsa-3072, ed25519
#   EST_RENEW_BEFORE                              seconds before notAfter from which renewal is due; default a third
#                                                 of the certificate's lifetime
#   EST_MAX_ATTEMPTS                              requests before giving up on 202/429/503 or no connection; default 10
#   EST_MAX_WAIT                                  longest single wait in seconds (Retry-After or back-off 2, 4, 8...);
#                                                 default 300
#
# Exit codes:
#   0  the certificate is in place (issued now, or not due for renewal)
#   1  local failure (key generation, files)
#   2  usage or configuration error: missing or invalid setting, unreadable CA bundle, nothing valid to renew
#   3  TLS failure: the CA bundle does not trust the server, or the handshake failed
#   4  the server refused the request: HTTP status and its reason are printed
#   5  gave up after EST_MAX_ATTEMPTS: server unreachable, or still answering 202, 429 or 503
#   6  the server's answer is unusable: not a PKCS#7 certs-only, no certificate for our key, does not verify
#      against the CA bundle
set -eu

PROG=est-enroll
# Every file this script creates is private to its user; tls.crt and ca.crt are opened up before they are moved.
umask 077

say() {
    printf '%s: %s\n' "$PROG" "$*"
}

fail() {
    code=$1
    shift
    printf '%s: %s\n' "$PROG" "$*" >&2
    exit "$code"
}

usage() {
    sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

BOOTSTRAP_DIR=${EST_BOOTSTRAP_DIR:-/etc/est-bootstrap}
OUT_DIR=${EST_OUT_DIR:-/var/run/est}
KEY=$OUT_DIR/tls.key
CERT=$OUT_DIR/tls.crt

# The variable named $1 if set, else the content of the bootstrap file $2, else nothing.
setting() {
    eval "value=\${$1:-}"
    if [ -z "$value" ] && [ -e "$BOOTSTRAP_DIR/$2" ]; then
        [ -r "$BOOTSTRAP_DIR/$2" ] || fail 2 "configuration file $BOOTSTRAP_DIR/$2 is not readable (for $1)"
        value=$(cat "$BOOTSTRAP_DIR/$2")
    fi
    printf '%s' "$value"
}

required() {
    value=$(setting "$1" "$2") || exit $?
    [ -n "$value" ] || fail 2 "missing configuration: set $1 or provide the file $BOOTSTRAP_DIR/$2"
    printf '%s' "$value"
}

# Value $2 of setting $1, checked to be a whole number of $3.
whole_number() {
    case $2 in
        '' | *[!0-9]*) fail 2 "$1 must be a whole number of $3, not '$2'" ;;
    esac
    printf '%s' "$2"
}

# URL and CA bundle, which every request needs.
connection_settings() {
    URL=$(required EST_URL url) || exit $?
    URL=${URL%/}
    case $URL in
        https://*) ;;
        *) fail 2 "EST_URL must be an https:// URL, not '$URL'" ;;
    esac
    CA_BUNDLE=${EST_CA_BUNDLE:-$BOOTSTRAP_DIR/ca.crt}
    [ -r "$CA_BUNDLE" ] || fail 2 "CA bundle $CA_BUNDLE is missing or not readable (set EST_CA_BUNDLE or provide" \
        "the file $BOOTSTRAP_DIR/ca.crt)"
    openssl x509 -in "$CA_BUNDLE" -noout 2>/dev/null || fail 2 "CA bundle $CA_BUNDLE holds no PEM certificate"
    MAX_ATTEMPTS=$(whole_number EST_MAX_ATTEMPTS "${EST_MAX_ATTEMPTS:-10}" attempts) || exit $?
    [ "$MAX_ATTEMPTS" -ge 1 ] || fail 2 "EST_MAX_ATTEMPTS must be at least 1"
    MAX_WAIT=$(whole_number EST_MAX_WAIT "${EST_MAX_WAIT:-300}" seconds) || exit $?
    KEY_TYPE=${EST_KEY_TYPE:-ec-p256}
    case $KEY_TYPE in
        ec-p256 | ec-p384 | rsa-2048 | rsa-3072 | ed25519) ;;
        *) fail 2 "EST_KEY_TYPE must be one of ec-p256, ec-p384, rsa-2048, rsa-3072, ed25519, not '$KEY_TYPE'" ;;
    esac
}

# A private directory beside the output files, so that finished files are moved into place atomically.
make_work_dir() {
    mkdir -p "$OUT_DIR" 2>/dev/null || fail 1 "cannot create the output directory $OUT_DIR"
    WORK=$OUT_DIR/.est-enroll.$$.$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    mkdir "$WORK" 2>/dev/null || fail 1 "cannot write to the output directory $OUT_DIR"
    trap 'rm -rf "$WORK"' EXIT
}

# The public key of certificate $1 in PEM, to compare with private_key.
certificate_key() {
    openssl x509 -in "$1" -noout -pubkey 2>/dev/null
}

# The public key of private key $1 in PEM.
private_key() {
    openssl pkey -in "$1" -pubout 2>/dev/null
}

# Seconds between notBefore and notAfter of certificate $1.
lifetime() {
    openssl x509 -in "$1" -noout -startdate -enddate | sed 's/^not[A-Za-z]*=//' | awk '
        # Days since 1970-01-01 of a civil date (H. Hinnant, days_from_civil).
        function days(y, m, d,    era, yoe, doy) {
            y -= (m <= 2)
            era = int(y / 400)
            yoe = y - era * 400
            doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
            return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
        }
        {
            split($3, t, ":")
            m = (index("JanFebMarAprMayJunJulAugSepOctNovDec", $1) + 2) / 3
            s[NR] = days($4, m, $2) * 86400 + t[1] * 3600 + t[2] * 60 + t[3]
        }
        END { printf "%d\n", s[2] - s[1] }'
}

not_after() {
    openssl x509 -in "$1" -noout -enddate | sed 's/^notAfter=//'
}

# Sets STATE to the state of the current pair: none, mismatch, expired, due or fresh; and RENEW_BEFORE.
pair_state() {
    STATE=none
    if [ ! -e "$CERT" ] || [ ! -e "$KEY" ]; then
        return
    fi
    STATE=mismatch
    public=$(certificate_key "$CERT") || public=
    if [ -z "$public" ] || [ "$public" != "$(private_key "$KEY" || :)" ]; then
        return
    fi
    if [ -n "${EST_RENEW_BEFORE:-}" ]; then
        RENEW_BEFORE=$(whole_number EST_RENEW_BEFORE "$EST_RENEW_BEFORE" seconds) || exit $?
    else
        RENEW_BEFORE=$(($(lifetime "$CERT") / 3))
    fi
    if ! openssl x509 -in "$CERT" -noout -checkend 0 >/dev/null; then
        STATE=expired
    elif ! openssl x509 -in "$CERT" -noout -checkend "$RENEW_BEFORE" >/dev/null; then
        STATE=due
    else
        STATE=fresh
    fi
}

generate_key() {
    case $KEY_TYPE in
        ec-p256) set -- -algorithm EC -pkeyopt ec_paramgen_curve:P-256 ;;
        ec-p384) set -- -algorithm EC -pkeyopt ec_paramgen_curve:P-384 ;;
        rsa-2048) set -- -algorithm RSA -pkeyopt rsa_keygen_bits:2048 ;;
        rsa-3072) set -- -algorithm RSA -pkeyopt rsa_keygen_bits:3072 ;;
        ed25519) set -- -algorithm ED25519 ;;
    esac
    openssl genpkey "$@" -out "$WORK/tls.key" 2>"$WORK/openssl.err" \
        || fail 1 "could not generate a $KEY_TYPE key: $(cat "$WORK/openssl.err")"
}

# Appends "TYPE:value" for each comma-separated value in $2 to the SAN list $1, trimming blanks.
add_names() {
    printf '%s' "$2" | tr ',' '\n' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | awk -v type="$1" -v list="$3" '
        length($0) { list = list (length(list) ? "," : "") type ":" $0 }
        END { printf "%s", list }'
}

# Writes the base64 DER CSR for subject $1 (openssl -subj form) and SAN list $2 to $WORK/csr.b64.
make_csr() {
    san=$2
    set -- -new -key "$WORK/tls.key" -subj "$1" -outform DER -out "$WORK/csr.der"
    if [ -n "$san" ]; then
        set -- "$@" -addext "subjectAltName=$san"
    fi
    openssl req "$@" 2>"$WORK/openssl.err" || fail 2 "could not make a CSR: $(cat "$WORK/openssl.err")"
    openssl base64 -in "$WORK/csr.der" -out "$WORK/csr.b64"
}

# Escapes a value for a double-quoted curl config string.
curl_quoted() {
    printf '%s' "$1" | sed 's/[\\"]/\\&/g'
}

# One POST of $WORK/csr.b64 to operation $1; the remaining arguments are curl options (authentication). Sets
# STATUS, CONTENT_TYPE and CURL_EXIT; the answer is in $WORK/body and $WORK/headers.
post_once() {
    operation=$1
    shift
    rm -f "$WORK/body" "$WORK/headers"
    CURL_EXIT=0
    written=$(curl -sS --proto =https --tlsv1.2 --cacert "$CA_BUNDLE" --connect-timeout 10 --max-time 120 \
        -H 'Content-Type: application/pkcs10' --data-binary "@$WORK/csr.b64" -D "$WORK/headers" -o "$WORK/body" \
        -w '%{http_code} %{content_type}' "$@" "$URL/$operation" 2>"$WORK/curl.err") || CURL_EXIT=$?
    STATUS=${written%% *}
    CONTENT_TYPE=${written#* }
}

# The value of header $1 (any case) in the last response of the answer, else nothing.
last_header() {
    tr -d '\r' <"$WORK/headers" 2>/dev/null | awk -v name="$(printf '%s:' "$1" | tr 'A-Z' 'a-z')" '
        /^HTTP\// { value = "" }
        tolower($1) == name { sub(/^[^:]*:[ \t]*/, ""); value = $0 }
        END { print value }'
}

# The Retry-After header of the answer in delay-seconds form, else nothing.
retry_after() {
    case $(last_header Retry-After) in
        '' | *[!0-9]*) ;;
        *) last_header Retry-After ;;
    esac
}

# The server's reason, on one line: a 401 carries it in X-Est-Reason (its body stays empty), the rest as text/plain.
reason() {
    explained=$(last_header X-Est-Reason)
    if [ -n "$explained" ]; then
        printf '%s' "$explained" | cut -c1-500
        return
    fi
    case $CONTENT_TYPE in
        text/plain*) tr '\r\n' '  ' <"$WORK/body" | sed 's/  */ /g; s/ $//' | cut -c1-500 ;;
        *) printf '(no text/plain reason; Content-Type: %s)' "${CONTENT_TYPE:-none}" ;;
    esac
}

# POSTs the CSR to operation $1 until it is answered 200, waiting on 202, 429, 503 and connection failures.
post() {
    operation=$1
    attempt=1
    backoff=2
    while :; do
        # Fed on standard input, the credential shows neither in the process list nor on disk.
        if [ "$operation" = simpleenroll ]; then
            post_once simpleenroll -K - <<EOF
user = "$(curl_quoted "$USERNAME:$PASSWORD")"
EOF
        else
            post_once "$operation" --cert "$CERT" --key "$KEY"
        fi
        case $CURL_EXIT in
            0) ;;
            5 | 6 | 7 | 28 | 52 | 55 | 56) ;;
            35 | 51 | 53 | 54 | 58 | 59 | 60 | 64 | 66 | 77 | 80 | 82 | 83 | 90 | 91)
                fail 3 "TLS with $URL failed (curl exit $CURL_EXIT): $(cat "$WORK/curl.err"); check that the CA" \
                    "bundle $CA_BUNDLE holds the CA of the server's certificate and that the host name matches it" ;;
            *) fail 1 "curl failed for $URL/$operation (exit $CURL_EXIT): $(cat "$WORK/curl.err")" ;;
        esac
        if [ "$CURL_EXIT" = 0 ]; then
            case $STATUS in
                200) return 0 ;;
                202 | 429 | 503) problem="HTTP $STATUS: $(reason)" ;;
                *) fail 4 "$operation refused: HTTP $STATUS: $(reason)" ;;
            esac
            delay=$(retry_after)
        else
            problem="no answer from $URL (curl exit $CURL_EXIT): $(cat "$WORK/curl.err")"
            delay=
        fi
        if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
            fail 5 "gave up on $operation after $attempt attempts; last: $problem"
        fi
        if [ -z "$delay" ]; then
            delay=$backoff
            [ "$backoff" -ge "$MAX_WAIT" ] || backoff=$((backoff * 2))
        fi
        [ "$delay" -le "$MAX_WAIT" ] || delay=$MAX_WAIT
        attempt=$((attempt + 1))
        say "$operation: $problem; retrying in $delay s (attempt $attempt of $MAX_ATTEMPTS)"
        sleep "$delay"
    done
}

# Takes the certificate for our key out of the 200 answer, checks it and moves key, certificate and bundle into
# place.
install_answer() {
    operation=$1
    tr -d ' \t\r\n' <"$WORK/body" | fold -w 64 | openssl base64 -d >"$WORK/answer.der" 2>/dev/null || :
    openssl pkcs7 -inform DER -in "$WORK/answer.der" -print_certs -out "$WORK/answer.pem" 2>/dev/null \
        || fail 6 "the answer to $operation is no base64 PKCS#7 certs-only message (Content-Type: $CONTENT_TYPE)"
    count=$(awk -v dir="$WORK" '
        /-----BEGIN CERTIFICATE-----/ { n++; file = dir "/answer." n ".pem" }
        file { print > file }
        /-----END CERTIFICATE-----/ { close(file); file = "" }
        END { print n + 0 }' "$WORK/answer.pem")
    ours=$(private_key "$WORK/tls.key")
    leaf=
    i=1
    while [ "$i" -le "$count" ]; do
        if [ "$(certificate_key "$WORK/answer.$i.pem")" = "$ours" ]; then
            leaf=$i
        fi
        i=$((i + 1))
    done
    [ -n "$leaf" ] || fail 6 "none of the $count certificates in the answer to $operation is for our key"
    verified=$(openssl verify -CAfile "$CA_BUNDLE" -untrusted "$WORK/answer.pem" "$WORK/answer.$leaf.pem" 2>&1) \
        || fail 6 "the certificate from $operation does not verify against the CA bundle $CA_BUNDLE: $verified"
    cat "$WORK/answer.$leaf.pem" >"$WORK/tls.crt"
    i=1
    while [ "$i" -le "$count" ]; do
        [ "$i" = "$leaf" ] || cat "$WORK/answer.$i.pem" >>"$WORK/tls.crt"
        i=$((i + 1))
    done
    cat "$CA_BUNDLE" >"$WORK/ca.crt"
    chmod 0644 "$WORK/tls.crt" "$WORK/ca.crt"
    # Readers that load the pair in between may see the new key with the old certificate for an instant.
    mv -f "$WORK/ca.crt" "$OUT_DIR/ca.crt"
    mv -f "$WORK/tls.key" "$KEY"
    mv -f "$WORK/tls.crt" "$CERT"
    say "$operation: wrote $CERT ($(openssl x509 -in "$CERT" -noout -subject -serial | tr '\n' ' ')valid until" \
        "$(not_after "$CERT")), $KEY and $OUT_DIR/ca.crt"
}

enroll_with_bootstrap() {
    USERNAME=$(required EST_USERNAME username) || exit $?
    PASSWORD=$(required EST_PASSWORD password) || exit $?
    common_name=$(required EST_COMMON_NAME commonName) || exit $?
    dns_names=$(setting EST_DNS_NAMES dnsNames) || exit $?
    ip_addresses=$(setting EST_IP_ADDRESSES ipAddresses) || exit $?
    uris=$(setting EST_URIS uris) || exit $?
    san=$(add_names DNS "$dns_names" "")
    san=$(add_names IP "$ip_addresses" "$san")
    san=$(add_names URI "$uris" "$san")
    make_work_dir
    generate_key
    make_csr "/CN=$(printf '%s' "$common_name" | sed 's|[\\/+]|\\&|g')" "$san"
    post simpleenroll
    install_answer simpleenroll
}

reenroll() {
    make_work_dir
    generate_key
    subject=$(openssl x509 -in "$CERT" -noout -subject -nameopt compat | sed 's/^subject=//')
    san=$(openssl x509 -in "$CERT" -noout -ext subjectAltName 2>/dev/null | sed '1d; s/^[[:space:]]*//; s/IP Address:/IP:/g; s/, /,/g')
    make_csr "$subject" "$san"
    post simplereenroll
    install_answer simplereenroll
}

enroll() {
    connection_settings
    pair_state
    case $STATE in
        fresh)
            say "$CERT is valid until $(not_after "$CERT") and not due for renewal; nothing to do" ;;
        due)
            say "$CERT is due for renewal; renewing it"
            reenroll ;;
        *)
            [ "$STATE" = none ] || say "$CERT and $KEY are $STATE; enrolling afresh"
            enroll_with_bootstrap ;;
    esac
}

renew() {
    connection_settings
    pair_state
    case $STATE in
        fresh)
            say "$CERT is valid until $(not_after "$CERT") and not due for renewal ($RENEW_BEFORE s before)"
            ;;
        due) reenroll ;;
        none) fail 2 "nothing to renew: $CERT and $KEY do not both exist; run enroll first" ;;
        mismatch) fail 2 "cannot renew: $CERT does not match $KEY" ;;
        expired) fail 2 "cannot renew: $CERT expired at $(not_after "$CERT") and cannot authenticate; run enroll" \
            "with a bootstrap credential" ;;
    esac
}

command=${1:-enroll}
case $command in
    enroll)
        [ $# -le 1 ] || fail 2 "enroll takes no arguments; see '$0 help'"
        enroll ;;
    renew)
        if [ $# -eq 1 ]; then
            renew
        elif [ $# -eq 3 ] && [ "$2" = --loop ]; then
            period=$(whole_number "renew --loop" "$3" seconds) || exit $?
            trap 'exit 143' TERM
            trap 'exit 130' INT
            while :; do
                # In the background, so that a SIGTERM ends the loop at once even during a round.
                (renew) &
                wait $! || printf '%s: renewal failed (exit %s); trying again in %s s\n' "$PROG" "$?" "$period" >&2
                sleep "$period" &
                wait $! || :
            done
        else
            fail 2 "usage: $0 renew [--loop SECONDS]"
        fi ;;
    help | -h | --help) usage ;;
    *) fail 2 "unknown command '$command'; usage: $0 [enroll|renew [--loop SECONDS]|help]" ;;
esac
