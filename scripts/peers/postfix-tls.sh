#!/usr/bin/env bash
# A private, throwaway Postfix instance for the STARTTLS test: its own config, queue and log under DIR, smtpd on
# 127.0.0.1:PORT only, STARTTLS with Debian's snakeoil certificate, every message discarded. Never touches /etc/postfix.
#   postfix-tls.sh start DIR PORT   |   postfix-tls.sh stop DIR
set -euo pipefail
action=$1 dir=$2
case "$action" in
start)
  port=$3
  mkdir -p "$dir/queue" "$dir/data"
  chown postfix "$dir/data"
  cat >"$dir/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file_prefixes = $dir
maillog_file = $dir/postfix.log
syslog_name = postfix-crmesp-test
myhostname = mx.peer.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
relay_domains =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
default_transport = discard:
smtpd_tls_cert_file = /etc/ssl/certs/ssl-cert-snakeoil.pem
smtpd_tls_key_file = /etc/ssl/private/ssl-cert-snakeoil.key
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_sasl_auth_enable = no
alias_maps =
alias_database =
CF
  sed -E "s/^smtp( +)inet/127.0.0.1:$port\1inet/" /etc/postfix/master.cf >"$dir/master.cf"
  postconf -c "$dir" -F '*/*/chroot = n' >/dev/null
  postfix -c "$dir" start </dev/null >"$dir/start.log" 2>&1
  ;;
stop)
  postfix -c "$dir" stop </dev/null >/dev/null 2>&1 || true
  ;;
esac
