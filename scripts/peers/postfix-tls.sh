#!/usr/bin/env bash
# A private, throwaway Postfix instance for the TLS and AUTH tests: its own config, queue and log under DIR, every
# message discarded, never touching /etc/postfix. smtpd listens on loopback only:
#   PORT        STARTTLS offered (Debian's snakeoil certificate), relays for 127.0.0.0/8;
#   SMTPS_PORT  TLS from the first byte (wrapper mode, "SMTPS"), the same;
#   AUTH_PORT   STARTTLS required, relays only after AUTH PLAIN/LOGIN as USER / PASSWORD (Cyrus SASL, sasldb under DIR).
#   postfix-tls.sh start DIR PORT [SMTPS_PORT AUTH_PORT USER PASSWORD]   |   postfix-tls.sh stop DIR
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
  if [ $# -ge 7 ]; then
    smtps_port=$4 auth_port=$5 user=$6 password=$7
    mkdir -p "$dir/sasl"
    printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\nsasldb_path: %s/sasldb2\n' "$dir" >"$dir/sasl/smtpd.conf"
    printf '%s' "$password" | saslpasswd2 -p -c -f "$dir/sasldb2" -u mx.peer.test "$user"
    chown postfix "$dir/sasldb2"
    cat >>"$dir/main.cf" <<CF
cyrus_sasl_config_path = $dir/sasl
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
smtpd_sasl_local_domain = mx.peer.test
CF
    cat >>"$dir/master.cf" <<CF
127.0.0.1:$smtps_port inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
127.0.0.1:$auth_port inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes -o mynetworks= -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
CF
  fi
  postconf -c "$dir" -F '*/*/chroot = n' >/dev/null
  postfix -c "$dir" start </dev/null >"$dir/start.log" 2>&1
  ;;
stop)
  postfix -c "$dir" stop </dev/null >/dev/null 2>&1 || true
  ;;
esac
