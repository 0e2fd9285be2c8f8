#!/usr/bin/env bash
# Installs the independent mail peers the sending tests start themselves (by pid, on loopback): Postfix's smtp-sink and
# smtp-source, dkimpy and Perl Mail::DKIM for the verifiers beside this script, SpamAssassin's spamd/spamc, swaks, the
# snakeoil certificate, wrk (scripts/bench-tracking.sh), Cyrus SASL's sasldb tools (AUTH test), Chromium (letter layout, headless),
# dnsmasq (the domain check's test DNS server), Dovecot's IMAP and POP3 servers (the bounce mailbox) and PostgreSQL (the
# store tests' second provider: Connector.Tests/TestSupport/PostgresPeer.cs runs initdb and postgres as the postgres user
# in a temp folder, on a private port; Debian's main cluster is not created, so no system server runs). Postfix is
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
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
[ -e /usr/lib/x86_64-linux-gnu/sasl2/libplain.so ] || [ -e /usr/lib/aarch64-linux-gnu/sasl2/libplain.so ] || need+=(libsasl2-modules)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
[ ${#need[@]} -eq 0 ] && exit 0
echo "peers: installing ${need[*]}" >&2
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
# postgresql-common's createcluster.conf includes this folder (its own file stays untouched, so no conffile prompt):
# no main cluster is made at install, so nothing starts on 5432.
$sudo mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/crm-esp-no-main-cluster.conf >/dev/null
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the system Dovecot (ports 143/110) where services may start; the tests run their own instance.
if [ -s /run/dovecot/master.pid ]; then
  $sudo doveadm stop >/dev/null 2>&1 || $sudo kill "$(cat /run/dovecot/master.pid)" 2>/dev/null || true
fi
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
fi
# A cluster made before (an older install without the setting above) is stopped; its data stays.
if command -v pg_lsclusters >/dev/null; then
  pg_lsclusters -h 2>/dev/null | while read -r version cluster _ status _; do
    [ "$status" = "online" ] && $sudo pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
  done
fi
