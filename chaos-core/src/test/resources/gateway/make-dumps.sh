#!/usr/bin/env bash
# Regenerates the iptables-save and ip-addr fixtures of the gateway parser tests from a real kernel.
# Needs root, iproute2 and iptables (legacy and nft). It builds, in a throw-away network namespace,
# the state nat-gateway.sh would leave for 2 EIPs, 1 FIP, 1 SNAT and 1 DNAT (reference §4.4), once
# with the v1.13.4 rule shapes and once with the v1.16+ ones (HAIRPIN_SNAT per EIP), and saves what
# each iptables variant prints. Run from this directory: ./make-dumps.sh
# iptables-nft-save-v1.13-old-order.txt is hand-written, not made here: the same v1.13 state as an
# older iptables-nft (xtables-save v1.8.2 header) orders it, user chains in creation order and rules
# grouped by chain in that order.
set -euo pipefail
ns=natgw-fixture-$$
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT

in_ns() { ip netns exec "$ns" "$@"; }

build() {   # $1 = iptables binary, $2 = script version (v1.13 | v1.16)
  local ipt=$1 version=$2
  for chain in DNAT_FILTER SNAT_FILTER EXCLUSIVE_DNAT EXCLUSIVE_SNAT SHARED_DNAT SHARED_SNAT; do
    in_ns "$ipt" -t nat -N "$chain"
  done
  [ "$version" = v1.16 ] && in_ns "$ipt" -t nat -N HAIRPIN_SNAT
  in_ns "$ipt" -t nat -A PREROUTING -j DNAT_FILTER
  in_ns "$ipt" -t nat -A DNAT_FILTER -j EXCLUSIVE_DNAT
  in_ns "$ipt" -t nat -A DNAT_FILTER -j SHARED_DNAT
  in_ns "$ipt" -t nat -A POSTROUTING -j SNAT_FILTER
  in_ns "$ipt" -t nat -A SNAT_FILTER -j EXCLUSIVE_SNAT
  in_ns "$ipt" -t nat -A SNAT_FILTER -j SHARED_SNAT
  if [ "$version" = v1.16 ]; then
    in_ns "$ipt" -t nat -A SNAT_FILTER -j HAIRPIN_SNAT
    for eip in 172.19.0.6 172.19.0.7; do
      in_ns "$ipt" -t nat -A HAIRPIN_SNAT -m mark --mark 0x1/0x1 -o eth0 -m conntrack --ctstate DNAT \
        --ctorigdst "$eip" -j SNAT --to-source "$eip" --random-fully
    done
  fi
  in_ns "$ipt" -t nat -A EXCLUSIVE_DNAT -d 172.19.0.6 -j DNAT --to-destination 10.0.1.2
  in_ns "$ipt" -t nat -A EXCLUSIVE_SNAT -s 10.0.1.2 -j SNAT --to-source 172.19.0.6
  in_ns "$ipt" -t nat -A SHARED_SNAT -o net1 -s 10.0.1.0/24 -j SNAT --to-source 172.19.0.7 --random-fully
  in_ns "$ipt" -t nat -A SHARED_DNAT -p tcp -d 172.19.0.7 --dport 8888 -j DNAT --to-destination 10.0.1.3:80
  in_ns "$ipt" -t nat -A SHARED_DNAT -p udp -d 172.19.0.7 --dport 5353 -j DNAT --to-destination 10.0.1.4:53
}

save() {    # $1 = save binary, $2 = output file; keeps the real header, masks the date
  in_ns "$1" -t nat 2>&1 | sed -E 's/ on [A-Z][a-z]{2} .*$/ on Thu Nov 26 06:00:00 2026/' > "$2"
}

for version in v1.13 v1.16; do
  cleanup; ip netns add "$ns"
  build iptables-legacy "$version"
  save iptables-legacy-save "iptables-legacy-save-$version.txt"
  cleanup; ip netns add "$ns"
  build iptables-nft "$version"
  save iptables-nft-save "iptables-nft-save-$version.txt"
  # nft with a leftover legacy table: iptables-nft-save warns (1.8.9 on stderr, after the dump; the
  # fixture merges both streams as an exec with a TTY would)
  in_ns iptables-legacy -t nat -N LEFTOVER
  save iptables-nft-save "iptables-nft-save-$version-with-legacy-warning.txt"
done

# net1 as the gateway pod has it: a macvlan with its own address plus one secondary per EIP.
cleanup; ip netns add "$ns"
in_ns ip link add veth0 type veth peer name veth1
in_ns ip link add link veth0 name net1 type macvlan mode bridge
in_ns ip link set veth0 up
in_ns ip link set net1 up
in_ns ip addr add 172.19.0.5/16 brd 172.19.255.255 dev net1
in_ns ip addr replace 172.19.0.6/16 dev net1
in_ns ip addr replace 172.19.0.7/16 dev net1
in_ns ip -o -4 addr show dev net1 > ip-o-addr-net1.txt
in_ns ip -4 addr show net1 > ip-addr-net1.txt
echo "fixtures written"
