#!/usr/bin/env bash
# Installs the independent mail peers the sending tests start themselves (by pid, on loopback): Postfix's smtp-sink and
# smtp-source, dkimpy and Perl Mail::DKIM for the verifiers beside this script, SpamAssassin's spamd/spamc, swaks, the
# snakeoil certificate, wrk (scripts/bench-tracking.sh), Cyrus SASL's sasldb tools (AUTH test), Chromium (letter layout, headless),
# dnsmasq (the domain check's test DNS server) and Dovecot's IMAP and POP3 servers (the bounce mailbox). Postfix is
# preseeded "No configuration", dnsmasq comes as dnsmasq-base (the binary only, no system service) and a Dovecot that its
# package started is stopped again (the tests start their own, on private ports), so nothing listens after install. Idempotent: does
# nothing when every tool is already there. Needs root (or sudo) on Debian 12.
set -euo pipefail
need=()
command -v smtp-sink >/dev/null || need+=(postfix)
/usr/bin/python3 -c 'import dkim' 2>/dev/null || need+=(python3-dkim)
perl -MMail::DKIM::Verifier -e1 2>/dev/null || need+=(libmail-dkim-perl)
perl -MNet::DNS::Resolver::Mock -e1 2>/dev/null || need+=(libnet-dns-resolver-mock-perl)
command -v spamd >/dev/null || need+=(spamassassin spamd)
command -v spamc >/dev/null || need+=(spamc)
command -v swaks >/dev/null || need+=(swaks)
command -v wrk >/dev/null || need+=(wrk)
[ -f /etc/ssl/certs/ssl-cert-snakeoil.pem ] || need+=(ssl-cert)
command -v saslpasswd2 >/dev/null || need+=(sasl2-bin)
command -v chromium >/dev/null || need+=(chromium)
[ -x /usr/sbin/dnsmasq ] || command -v dnsmasq >/dev/null || need+=(dnsmasq-base)
[ -x /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
[ -x /usr/lib/dovecot/pop3 ] || need+=(dovecot-pop3d)
[ -e /usr/lib/x86_64-linux-gnu/sasl2/libplain.so ] || [ -e /usr/lib/aarch64-linux-gnu/sasl2/libplain.so ] || need+=(libsasl2-modules)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
[ ${#need[@]} -eq 0 ] && exit 0
echo "peers: installing ${need[*]}" >&2
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the system Dovecot (ports 143/110) where services may start; the tests run their own instance.
if [ -s /run/dovecot/master.pid ]; then
  $sudo doveadm stop >/dev/null 2>&1 || $sudo kill "$(cat /run/dovecot/master.pid)" 2>/dev/null || true
fi
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
fi
