/* ct_tcp_test.c: the TCP connection tracker (src/conntrack/proto_tcp.c)
 * with the real conntrack core, against TCP sessions recorded from Linux
 * 6.18 segment by segment.
 *
 * How they were recorded (tests/unit/ct_tcp_kernel.py re-records them and
 * prints the tables below): a firewall namespace with veths ea
 * (10.0.1.1/24, 02:00:00:00:01:01) towards the client 10.0.1.2 and eb
 * (10.0.2.1/24, 02:00:00:00:02:01) towards the server 10.0.2.2, IPv6 off,
 * ip_forward=1, nf_conntrack_log_invalid=6 and the case's sysctls, the
 * FORWARD chain of iptables-legacy
 *   -A FORWARD -m conntrack --ctstate INVALID -j DROP
 *   -A FORWARD -m conntrack --ctstate NEW -j ACCEPT
 *   -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
 *   -A FORWARD -m conntrack --ctstate RELATED -j ACCEPT
 * Each segment, built with scapy, was sent alone from the client's peer
 * (O: original direction) or the server's (R: reply) over AF_PACKET at the
 * time given; ~30 ms later the counters told which rule saw it ("-": it
 * never reached FORWARD), `conntrack -L` gave the entry's state, its
 * [UNREPLIED]/[ASSURED] flags and the seconds left ("" and -1: no entry),
 * and the kernel log the "nf_ct_proto_6: REASON" lines (joined by "|").
 *
 * The same frames go through a whole engine here (same host; an empty nat
 * table brings connection tracking; `utables trace`'s conntrack step in
 * PREROUTING stands for the rules) at the recorded times. The seconds left may be one less in the kernel's
 * record: conntrack -L ran a few milliseconds after the segment.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "conntrack/conntrack.h"
#include "conntrack/ct_int.h"
#include "engine/pkt.h"
#include "engine/engine.h"
#include "host/host.h"
#include "rules/ruleset.h"
#include "unit.h"

#define O 0
#define R 1

/* A segment as the recorder sent it: its frame is built by seg_frame
 * (the recorder's scapy frame byte for byte: the client's port is the
 * case's, the server's 80, IP ID 0x1000 from the client and 0x2000 from
 * the server, TTL 64, the payload all 'x'), then what the kernel did. */
struct tcp_seg {
	int dir;                /* O: from the client, R: from the server */
	uint64_t t_ns;          /* since the case started */
	const char *flags;      /* scapy's letters FSRPAUEC; "" none */
	uint32_t seq, ack;
	uint16_t win;
	uint16_t len;           /* payload bytes */
	const char *opts;       /* TCP options as sent (padded), hex */
	const char *verdict;    /* the rule that saw it: INVALID, NEW, ... */
	const char *state;      /* conntrack -L: "STATE [UNREPLIED] [ASSURED]" */
	int timeout;            /* seconds left, -1 without an entry */
	const char *log;        /* the nf_ct_proto_6 reasons, "|"-joined */
	/* a field sent wrong on purpose (0: as it should be): the TCP
	 * checksum, the data offset in 32-bit words */
	uint16_t csum;
	uint8_t doff;
};

struct tcp_sysctl {
	const char *key;        /* under net.netfilter. */
	int value;
};

struct tcp_case {
	const char *name;
	const struct tcp_seg *segs;
	size_t n;
	const struct tcp_sysctl *sysctls;
	uint16_t port;          /* the client's */
};

#define CASE(n, port) { #n, n##_segs, sizeof(n##_segs) / sizeof(n##_segs[0]), \
			n##_sysctls, port }

/* recorded by tests/unit/ct_tcp_kernel.py on Linux 6.18.44-fc-v1294, 2026-12-05 14:10 UTC */

/* close_client_first: handshake, data both ways, FIN from the client first, the last ACK retransmitted */
static const struct tcp_seg close_client_first_segs[] = {
	{ .dir = O, 98208831ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 422276589ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 499899865ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 669104071ull, "PA", 1001, 5001, 502, 100, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 820628700ull, "A", 5001, 1101, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 998100017ull, "PA", 5001, 1101, 508, 200, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = O, 1113000105ull, "A", 1101, 5201, 500, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 1245213592ull, "FA", 1101, 5201, 500, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = R, 1406101316ull, "A", 5201, 1102, 508, 0, "",
	  "ESTABLISHED", "CLOSE_WAIT ASSURED", 59, "" },
	{ .dir = R, 1543709909ull, "FA", 5201, 1102, 508, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "" },
	{ .dir = O, 1757423119ull, "A", 1102, 5202, 500, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
	{ .dir = O, 1926763023ull, "A", 1102, 5202, 500, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
};
static const struct tcp_sysctl close_client_first_sysctls[] = { { NULL, 0 } };

/* close_server_first: handshake, FIN from the server first */
static const struct tcp_seg close_server_first_segs[] = {
	{ .dir = O, 271279123ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 678387514ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 918108426ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 1094194575ull, "FA", 5001, 1001, 508, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = O, 1367699174ull, "A", 1001, 5002, 502, 0, "",
	  "ESTABLISHED", "CLOSE_WAIT ASSURED", 59, "" },
	{ .dir = O, 1628772770ull, "FA", 1001, 5002, 502, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "" },
	{ .dir = R, 1826129890ull, "A", 5002, 1002, 508, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
};
static const struct tcp_sysctl close_server_first_sysctls[] = { { NULL, 0 } };

/* close_simultaneous: both FINs before either ACK */
static const struct tcp_seg close_simultaneous_segs[] = {
	{ .dir = O, 216957181ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 660989783ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 822273922ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 1025891292ull, "FA", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = R, 1205079855ull, "FA", 5001, 1001, 508, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "" },
	{ .dir = O, 1359107908ull, "A", 1002, 5002, 502, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
	{ .dir = R, 1502264586ull, "A", 5002, 1002, 508, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
};
static const struct tcp_sysctl close_simultaneous_sysctls[] = { { NULL, 0 } };

/* rst_exact: RST from the client at the sequence the server acked */
static const struct tcp_seg rst_exact_segs[] = {
	{ .dir = O, 115463801ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 345291038ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 470144373ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 638881611ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 777423200ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 949637072ull, "R", 1011, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
};
static const struct tcp_sysctl rst_exact_sysctls[] = { { NULL, 0 } };

/* rst_in_window: RST in window but not at the acked sequence: state kept for a challenge ACK, then the exact one */
static const struct tcp_seg rst_in_window_segs[] = {
	{ .dir = O, 94165648ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 356887181ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 470007893ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 578743993ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 696019941ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 859627861ull, "R", 5100, 0, 0, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 9, "" },
	{ .dir = R, 1044551406ull, "R", 5001, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
};
static const struct tcp_sysctl rst_in_window_sysctls[] = { { NULL, 0 } };

/* rst_below: RST below the acked sequence: invalid rst */
static const struct tcp_seg rst_below_segs[] = {
	{ .dir = O, 89378361ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 312186594ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 418329079ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 525541331ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 680758796ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 780359405ull, "R", 1005, 0, 0, 0, "",
	  "INVALID", "ESTABLISHED ASSURED", 431999, "invalid rst" },
	{ .dir = O, 888530250ull, "R", 201000, 0, 0, 0, "",
	  "INVALID", "ESTABLISHED ASSURED", 431999, "SEQ is over upper bound 66162 (over the window of the receiver)" },
};
static const struct tcp_sysctl rst_below_sysctls[] = { { NULL, 0 } };

/* rst_below_ignored: the same with nf_conntrack_tcp_ignore_invalid_rst */
static const struct tcp_seg rst_below_ignored_segs[] = {
	{ .dir = O, 109437775ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 469412250ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 633796205ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 747107381ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 974228119ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 1177570026ull, "R", 1005, 0, 0, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 9, "" },
};
static const struct tcp_sysctl rst_below_ignored_sysctls[] = { { "nf_conntrack_tcp_ignore_invalid_rst", 1 }, { NULL, 0 } };

/* rst_answers_syn: a SYN answered by RST/ACK with seq 0: the entry goes */
static const struct tcp_seg rst_answers_syn_segs[] = {
	{ .dir = O, 200160783ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 549945652ull, "RA", 0, 1001, 0, 0, "",
	  "ESTABLISHED", "", -1, "" },
};
static const struct tcp_sysctl rst_answers_syn_sysctls[] = { { NULL, 0 } };

/* rst_from_client_unreplied: SYN then RST from the client */
static const struct tcp_seg rst_from_client_unreplied_segs[] = {
	{ .dir = O, 189787518ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = O, 558418443ull, "R", 1001, 0, 0, 0, "",
	  "NEW", "", -1, "" },
};
static const struct tcp_sysctl rst_from_client_unreplied_sysctls[] = { { NULL, 0 } };

/* simultaneous_open: both send SYN, then both SYN/ACK */
static const struct tcp_seg simultaneous_open_segs[] = {
	{ .dir = O, 208821873ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 512132740ull, "S", 5000, 0, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_SENT2", 119, "" },
	{ .dir = O, 768554826ull, "SA", 1000, 5001, 64240, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = R, 1052971375ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "packet (index 1) in dir 1 ignored, state SYN_RECV" },
	{ .dir = O, 1324690805ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 1517921817ull, "A", 5001, 1001, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl simultaneous_open_sysctls[] = { { NULL, 0 } };

/* syn_retransmitted: a retransmitted SYN keeps the timeout running */
static const struct tcp_seg syn_retransmitted_segs[] = {
	{ .dir = O, 68670122ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = O, 1626287271ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 118, "" },
	{ .dir = R, 1925235668ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = R, 2201655853ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "packet (index 1) in dir 1 ignored, state SYN_RECV" },
	{ .dir = O, 2389965820ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl syn_retransmitted_sysctls[] = { { NULL, 0 } };

/* synack_first: a SYN/ACK without SYN, then an ACK from nowhere with loose pickup off */
static const struct tcp_seg synack_first_segs[] = {
	{ .dir = O, 128136530ull, "SA", 1000, 77, 64240, 0, "",
	  "INVALID", "", -1, "invalid new" },
	{ .dir = O, 537824770ull, "A", 1000, 77, 64240, 0, "",
	  "INVALID", "", -1, "" },
};
static const struct tcp_sysctl synack_first_sysctls[] = { { "nf_conntrack_tcp_loose", 0 }, { NULL, 0 } };

/* scans: Xmas, NULL, FIN, SYN+FIN scans and URG/PSH variants */
static const struct tcp_seg scans_segs[] = {
	{ .dir = O, 161896973ull, "FSRPAU", 1000, 0, 1024, 0, "",
	  "INVALID", "", -1, "invalid tcp flag combination" },
	{ .dir = O, 624970944ull, "", 1000, 0, 1024, 0, "",
	  "INVALID", "", -1, "invalid tcp flag combination" },
	{ .dir = O, 772501886ull, "F", 1000, 0, 1024, 0, "",
	  "INVALID", "", -1, "invalid tcp flag combination" },
	{ .dir = O, 951668196ull, "SF", 1000, 0, 1024, 0, "",
	  "INVALID", "", -1, "invalid tcp flag combination" },
	{ .dir = O, 1084279020ull, "SR", 1000, 0, 1024, 0, "",
	  "INVALID", "", -1, "invalid tcp flag combination" },
	{ .dir = O, 1277666678ull, "FPU", 1000, 0, 1024, 0, "",
	  "INVALID", "", -1, "invalid tcp flag combination" },
	{ .dir = O, 1431990273ull, "SU", 1000, 0, 1024, 0, "",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = O, 1632706464ull, "SEC", 1001, 0, 1024, 0, "",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
};
static const struct tcp_sysctl scans_sysctls[] = { { NULL, 0 } };

/* pickup_loose: mid-stream pickup (loose=1), then the other way */
static const struct tcp_seg pickup_loose_segs[] = {
	{ .dir = O, 58006923ull, "PA", 1500, 5700, 502, 50, "",
	  "NEW", "ESTABLISHED UNREPLIED", 299, "" },
	{ .dir = R, 310039779ull, "A", 5700, 1550, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED", 299, "" },
	{ .dir = O, 388455011ull, "PA", 1550, 5700, 502, 50, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 537942275ull, "A", 5700, 1600, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 655505018ull, "FA", 1600, 5700, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
};
static const struct tcp_sysctl pickup_loose_sysctls[] = { { NULL, 0 } };

/* pickup_strict: mid-stream ACK with loose=0, then a SYN */
static const struct tcp_seg pickup_strict_segs[] = {
	{ .dir = O, 144709952ull, "PA", 1500, 5700, 502, 50, "",
	  "INVALID", "", -1, "" },
	{ .dir = O, 284292762ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
};
static const struct tcp_sysctl pickup_strict_sysctls[] = { { "nf_conntrack_tcp_loose", 0 }, { NULL, 0 } };

/* pickup_fin: a FIN as the first packet */
static const struct tcp_seg pickup_fin_segs[] = {
	{ .dir = O, 82354426ull, "FA", 1500, 5700, 502, 0, "",
	  "INVALID", "", -1, "invalid new" },
};
static const struct tcp_sysctl pickup_fin_sysctls[] = { { NULL, 0 } };

/* out_of_window: over the receiver's window, ACK of unseen data, old data again, a very old ACK */
static const struct tcp_seg out_of_window_segs[] = {
	{ .dir = O, 101201485ull, "S", 1000, 0, 64240, 0, "020405b4",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 309269994ull, "SA", 5000, 1001, 1000, 0, "020405b4",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 393532171ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 472574867ull, "PA", 1001, 5001, 502, 500, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = O, 574235956ull, "PA", 3001, 5001, 502, 100, "",
	  "INVALID", "ESTABLISHED ASSURED", 299, "SEQ is over upper bound 2002 (over the window of the receiver)" },
	{ .dir = R, 684445581ull, "A", 5001, 6000, 508, 0, "",
	  "INVALID", "ESTABLISHED ASSURED", 299, "ACK is over upper bound 1502 (ACKed data not seen yet)" },
	{ .dir = R, 828104125ull, "A", 5001, 1501, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 965016383ull, "PA", 4294898296, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "SEQ is under lower bound 500 (already ACKed data retransmitted)" },
	{ .dir = O, 1068793268ull, "A", 1501, 4294872296, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "ignored ACK under lower bound 4294906296 (possible overly delayed)" },
};
static const struct tcp_sysctl out_of_window_sysctls[] = { { NULL, 0 } };

/* overshoot: a few bytes over the window: ignored, then acked */
static const struct tcp_seg overshoot_segs[] = {
	{ .dir = O, 89439917ull, "S", 1000, 0, 64240, 0, "020405b4",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 406687139ull, "SA", 5000, 1001, 1000, 0, "020405b4",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 564294723ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 725464604ull, "PA", 1001, 5001, 502, 1200, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 901111497ull, "A", 5001, 2201, 2000, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl overshoot_sysctls[] = { { NULL, 0 } };

/* wscale_both: window scaling on both sides: the scaled window holds */
static const struct tcp_seg wscale_both_segs[] = {
	{ .dir = O, 86428427ull, "S", 1000, 0, 64240, 0, "03030200",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 366414797ull, "SA", 5000, 1001, 100, 0, "03030400",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 509603747ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 639187393ull, "A", 5001, 1001, 100, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 759574610ull, "PA", 1001, 5001, 502, 1400, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = O, 946043034ull, "PA", 2401, 5001, 502, 150, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 1111099989ull, "A", 5001, 2551, 100, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 1227492727ull, "PA", 2551, 5001, 502, 1400, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = O, 1378127624ull, "PA", 4300, 5001, 502, 100, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "250 bytes more than expected" },
};
static const struct tcp_sysctl wscale_both_sysctls[] = { { NULL, 0 } };

/* wscale_one_side: only the client offers scaling: none is used */
static const struct tcp_seg wscale_one_side_segs[] = {
	{ .dir = O, 195737368ull, "S", 1000, 0, 64240, 0, "03030200",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 394983733ull, "SA", 5000, 1001, 100, 0, "",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 516616680ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 652747813ull, "A", 5001, 1001, 100, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 745688431ull, "PA", 1001, 5001, 502, 100, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = O, 894538672ull, "PA", 1301, 5001, 502, 10, "",
	  "INVALID", "ESTABLISHED ASSURED", 299, "SEQ is over upper bound 1102 (over the window of the receiver)" },
};
static const struct tcp_sysctl wscale_one_side_sysctls[] = { { NULL, 0 } };

/* sack: SACK blocks within and beyond what was sent */
static const struct tcp_seg sack_segs[] = {
	{ .dir = O, 145642628ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 466132209ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 699181036ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 884317235ull, "PA", 1001, 5001, 502, 1000, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = O, 1025039041ull, "PA", 2001, 5001, 502, 1000, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 1189045889ull, "A", 5001, 1001, 508, 0, "0101050a000007d100000bb9",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 1349297783ull, "A", 5001, 1001, 508, 0, "0101050a000007d100002711",
	  "INVALID", "ESTABLISHED ASSURED", 299, "ACK is over upper bound 3002 (ACKed data not seen yet)" },
	{ .dir = R, 1513632105ull, "A", 5001, 3001, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl sack_sysctls[] = { { NULL, 0 } };

/* sack_not_permitted: the same SACK without SACK-permitted */
static const struct tcp_seg sack_not_permitted_segs[] = {
	{ .dir = O, 47983593ull, "S", 1000, 0, 64240, 0, "020405b4",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 281665214ull, "SA", 5000, 1001, 65160, 0, "020405b4",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 400733823ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 505373469ull, "PA", 1001, 5001, 502, 1000, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 615144669ull, "A", 5001, 1001, 508, 0, "0101050a000005dd00002711",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
};
static const struct tcp_sysctl sack_not_permitted_sysctls[] = { { NULL, 0 } };

/* liberal: out of window with nf_conntrack_tcp_be_liberal */
static const struct tcp_seg liberal_segs[] = {
	{ .dir = O, 89232012ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 296524313ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 388174356ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 563496594ull, "PA", 10001001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 708717309ull, "A", 5001, 90001000, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl liberal_sysctls[] = { { "nf_conntrack_tcp_be_liberal", 1 }, { NULL, 0 } };

/* time_wait_reopen: a new SYN in TIME_WAIT replaces the connection */
static const struct tcp_seg time_wait_reopen_segs[] = {
	{ .dir = O, 149931047ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 362355043ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 521282527ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 646146743ull, "FA", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = R, 781765350ull, "A", 5001, 1002, 508, 0, "",
	  "ESTABLISHED", "CLOSE_WAIT ASSURED", 59, "" },
	{ .dir = R, 938507086ull, "FA", 5001, 1002, 508, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "" },
	{ .dir = O, 1102619405ull, "A", 1002, 5002, 502, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
	{ .dir = O, 1348185767ull, "S", 101000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 1495458046ull, "SA", 205000, 101001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
};
static const struct tcp_sysctl time_wait_reopen_sysctls[] = { { NULL, 0 } };

/* syn_in_established: a SYN into a live connection is ignored; the server's challenge ACK, then RST at the noted end */
static const struct tcp_seg syn_in_established_segs[] = {
	{ .dir = O, 137126786ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 320945478ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 508024843ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 716232968ull, "S", 4000, 0, 64240, 0, "020405b40402030307000000",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "packet (index 0) in dir 0 ignored, state ESTABLISHED" },
	{ .dir = R, 872500983ull, "A", 5001, 1001, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 1068708335ull, "R", 1001, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
};
static const struct tcp_sysctl syn_in_established_sysctls[] = { { NULL, 0 } };

/* syn_ignored_then_synack: a SYN ignored in ESTABLISHED and its SYN/ACK: conntrack resynchronises */
static const struct tcp_seg syn_ignored_then_synack_segs[] = {
	{ .dir = O, 110700737ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 368125151ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 503718440ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 669682943ull, "S", 4000, 0, 64240, 0, "020405b40402030307000000",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "packet (index 0) in dir 0 ignored, state ESTABLISHED" },
	{ .dir = R, 773101476ull, "SA", 14000, 4001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV ASSURED", 59, "" },
	{ .dir = O, 848968700ull, "A", 4001, 14001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl syn_ignored_then_synack_sysctls[] = { { NULL, 0 } };

/* invalid_in_syn_sent: FIN and data before any answer; an ACK from the server in SYN_SENT */
static const struct tcp_seg invalid_in_syn_sent_segs[] = {
	{ .dir = O, 104819639ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = O, 300530176ull, "FA", 1001, 0, 502, 0, "",
	  "INVALID", "SYN_SENT UNREPLIED", 119, "packet (index 2) in dir 0 invalid, state SYN_SENT" },
	{ .dir = O, 436528845ull, "A", 1001, 0, 502, 0, "",
	  "INVALID", "SYN_SENT UNREPLIED", 119, "packet (index 3) in dir 0 invalid, state SYN_SENT" },
	{ .dir = R, 546286651ull, "A", 5000, 1001, 508, 0, "",
	  "ESTABLISHED", "SYN_SENT", 119, "packet (index 3) in dir 1 ignored, state SYN_SENT" },
};
static const struct tcp_sysctl invalid_in_syn_sent_sysctls[] = { { NULL, 0 } };

/* retransmissions: the same pure ACK four times: the retrans timeout */
static const struct tcp_seg retransmissions_segs[] = {
	{ .dir = O, 194780337ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 367531191ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 450445473ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 551413003ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 643375560ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 748688347ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 832265781ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 921479990ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 1020796438ull, "A", 5001, 1011, 509, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl retransmissions_sysctls[] = { { "nf_conntrack_tcp_max_retrans", 3 }, { NULL, 0 } };

/* unacknowledged: data that is not acked shortens the timeout; a zero window too */
static const struct tcp_seg unacknowledged_segs[] = {
	{ .dir = O, 40494172ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 192569680ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 286162860ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 388524663ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 466014314ull, "A", 5001, 1011, 0, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 579910492ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl unacknowledged_sysctls[] = { { NULL, 0 } };

/* bad_checksum: a SYN with a wrong checksum, then a truncated header */
static const struct tcp_seg bad_checksum_segs[] = {
	{ .dir = O, 62919590ull, "S", 1000, 0, 64240, 0, "",
	  "INVALID", "", -1, "bad checksum", .csum = 0x1234 },
	{ .dir = O, 188852710ull, "S", 1000, 0, 64240, 0, "",
	  "INVALID", "", -1, "truncated packet", .doff = 15 },
};
static const struct tcp_sysctl bad_checksum_sysctls[] = { { NULL, 0 } };

/* lower_timeout: out of window RST then FIN of an ASSURED connection */
static const struct tcp_seg lower_timeout_segs[] = {
	{ .dir = O, 60074688ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 209553475ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 336015209ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 432664955ull, "PA", 1001, 5001, 502, 10, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 527274579ull, "A", 5001, 1011, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 643266614ull, "R", 50005000, 0, 0, 0, "",
	  "INVALID", "ESTABLISHED ASSURED", 431999, "SEQ is over upper bound 69258 (over the window of the receiver)" },
	{ .dir = O, 734774346ull, "FA", 80001000, 5001, 502, 0, "",
	  "INVALID", "ESTABLISHED ASSURED", 299, "SEQ is over upper bound 66162 (over the window of the receiver)|packet (index 2, dir 0) response for index 4 lower timeout to 75000" },
};
static const struct tcp_sysctl lower_timeout_sysctls[] = { { NULL, 0 } };

/* challenge_ack_last_ack: in LAST_ACK a new SYN is ignored and the server's challenge ACK is not taken for the last ACK */
static const struct tcp_seg challenge_ack_last_ack_segs[] = {
	{ .dir = O, 66697828ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 248884765ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 342493154ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 448841251ull, "FA", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = R, 585792974ull, "A", 5001, 1002, 508, 0, "",
	  "ESTABLISHED", "CLOSE_WAIT ASSURED", 59, "" },
	{ .dir = R, 674214294ull, "FA", 5001, 1002, 508, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "" },
	{ .dir = O, 771341437ull, "S", 51000, 0, 64240, 0, "020405b40402030307000000",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "packet (index 0) in dir 0 ignored, state LAST_ACK" },
	{ .dir = R, 880807767ull, "A", 5002, 1002, 508, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "challenge-ack ignored" },
	{ .dir = O, 976879753ull, "A", 1002, 5002, 502, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
};
static const struct tcp_sysctl challenge_ack_last_ack_sysctls[] = { { NULL, 0 } };

/* syn_sent_challenge: an ACK answering our SYN (a challenge ACK), then the RST at its ACK number */
static const struct tcp_seg syn_sent_challenge_segs[] = {
	{ .dir = O, 46506072ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 216687186ull, "A", 5300, 1077, 508, 0, "",
	  "ESTABLISHED", "SYN_SENT", 119, "packet (index 3) in dir 1 ignored, state SYN_SENT" },
	{ .dir = O, 307123380ull, "R", 1077, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE", 9, "" },
};
static const struct tcp_sysctl syn_sent_challenge_sysctls[] = { { NULL, 0 } };

/* syn_sent_newer_syn: a second SYN with a higher sequence in SYN_SENT restarts the window; the SYN/ACK answers it */
static const struct tcp_seg syn_sent_newer_syn_segs[] = {
	{ .dir = O, 58607016ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = O, 320615581ull, "S", 101000, 0, 64240, 0, "03030300",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 410246532ull, "SA", 5000, 101001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 516121088ull, "A", 101001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl syn_sent_newer_syn_sysctls[] = { { NULL, 0 } };

/* synack_newer: a second SYN/ACK with a higher sequence */
static const struct tcp_seg synack_newer_segs[] = {
	{ .dir = O, 37341024ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 226958890ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = R, 316023374ull, "SA", 6000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "packet (index 1) in dir 1 ignored, state SYN_RECV" },
	{ .dir = O, 409093788ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 538153315ull, "A", 1001, 6001, 502, 0, "",
	  "INVALID", "ESTABLISHED ASSURED", 431999, "ACK is over upper bound 5002 (ACKed data not seen yet)" },
};
static const struct tcp_sysctl synack_newer_sysctls[] = { { NULL, 0 } };

/* reply_syn_time_wait: in TIME_WAIT the server's SYN opens a new connection the other way */
static const struct tcp_seg reply_syn_time_wait_segs[] = {
	{ .dir = O, 52617080ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 156304864ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 239997888ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 317395414ull, "FA", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = R, 387844369ull, "FA", 5001, 1002, 508, 0, "",
	  "ESTABLISHED", "LAST_ACK ASSURED", 29, "" },
	{ .dir = O, 465500608ull, "A", 1002, 5002, 502, 0, "",
	  "ESTABLISHED", "TIME_WAIT ASSURED", 119, "" },
	{ .dir = R, 543210288ull, "S", 95000, 0, 65160, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = O, 617269653ull, "SA", 91000, 95001, 64240, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
};
static const struct tcp_sysctl reply_syn_time_wait_sysctls[] = { { NULL, 0 } };

/* pickup_reply_side: mid-stream pickup by a segment of the server */
static const struct tcp_seg pickup_reply_side_segs[] = {
	{ .dir = R, 43792658ull, "PA", 5700, 1500, 508, 20, "",
	  "NEW", "ESTABLISHED UNREPLIED", 299, "" },
	{ .dir = O, 155155407ull, "A", 1500, 5720, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED", 299, "" },
	{ .dir = R, 224005891ull, "PA", 5720, 1500, 508, 20, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
};
static const struct tcp_sysctl pickup_reply_side_sysctls[] = { { NULL, 0 } };

/* rst_in_fin_wait: after the client's FIN any RST closes */
static const struct tcp_seg rst_in_fin_wait_segs[] = {
	{ .dir = O, 44252464ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 204148521ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 275068734ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 366287777ull, "FA", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 119, "" },
	{ .dir = R, 447605871ull, "R", 45000, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
};
static const struct tcp_sysctl rst_in_fin_wait_sysctls[] = { { NULL, 0 } };

/* rst_train: the server's data and right after it a RST at its end */
static const struct tcp_seg rst_train_segs[] = {
	{ .dir = O, 54534056ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 190217596ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 268723711ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 362001650ull, "PA", 5001, 1001, 508, 30, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 299, "" },
	{ .dir = R, 439533392ull, "R", 5031, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
};
static const struct tcp_sysctl rst_train_sysctls[] = { { NULL, 0 } };

/* rst_then_syn_same_side: closed by the client's RST, then its SYN */
static const struct tcp_seg rst_then_syn_same_side_segs[] = {
	{ .dir = O, 52947297ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 200502485ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 283509032ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 367858836ull, "R", 1001, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
	{ .dir = O, 454679909ull, "S", 8000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
};
static const struct tcp_sysctl rst_then_syn_same_side_sysctls[] = { { NULL, 0 } };

/* rst_then_syn_other_side: closed by the server's RST, then a SYN of the client */
static const struct tcp_seg rst_then_syn_other_side_segs[] = {
	{ .dir = O, 57810419ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 188606179ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 271820552ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 349010474ull, "R", 5001, 0, 0, 0, "",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "" },
	{ .dir = O, 436822314ull, "S", 8000, 0, 64240, 0, "020405b40402030307000000",
	  "ESTABLISHED", "CLOSE ASSURED", 9, "packet (index 0) in dir 0 ignored, state CLOSE" },
	{ .dir = R, 516226027ull, "SA", 14000, 8001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV ASSURED", 59, "" },
};
static const struct tcp_sysctl rst_then_syn_other_side_sysctls[] = { { NULL, 0 } };

/* rst_syn_wrong_ack: RST/ACK with seq 0 answering the SYN with the wrong ACK */
static const struct tcp_seg rst_syn_wrong_ack_segs[] = {
	{ .dir = O, 53197713ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 176934945ull, "RA", 0, 1005, 0, 0, "",
	  "INVALID", "SYN_SENT UNREPLIED", 119, "ACK is over upper bound 1002 (ACKed data not seen yet)" },
};
static const struct tcp_sysctl rst_syn_wrong_ack_sysctls[] = { { NULL, 0 } };

/* timeouts_sysctl: timeouts from the sysctls */
static const struct tcp_seg timeouts_sysctl_segs[] = {
	{ .dir = O, 47137653ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 32, "" },
	{ .dir = R, 161077614ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 43, "" },
	{ .dir = O, 245328790ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 999, "" },
	{ .dir = O, 323816179ull, "FA", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "FIN_WAIT ASSURED", 54, "" },
};
static const struct tcp_sysctl timeouts_sysctl_sysctls[] = { { "nf_conntrack_tcp_timeout_syn_sent", 33 }, { "nf_conntrack_tcp_timeout_syn_recv", 44 }, { "nf_conntrack_tcp_timeout_established", 1000 }, { "nf_conntrack_tcp_timeout_fin_wait", 55 }, { NULL, 0 } };

/* no_checksum: nf_conntrack_checksum=0: a bad checksum is tracked */
static const struct tcp_seg no_checksum_segs[] = {
	{ .dir = O, 44418830ull, "S", 1000, 0, 64240, 0, "",
	  "NEW", "SYN_SENT UNREPLIED", 119, "", .csum = 0x1234 },
};
static const struct tcp_sysctl no_checksum_sysctls[] = { { "nf_conntrack_checksum", 0 }, { NULL, 0 } };

/* keepalive: a keepalive (one below the next sequence) and its answer */
static const struct tcp_seg keepalive_segs[] = {
	{ .dir = O, 76167125ull, "S", 1000, 0, 64240, 0, "020405b40402030307000000",
	  "NEW", "SYN_SENT UNREPLIED", 119, "" },
	{ .dir = R, 277979061ull, "SA", 5000, 1001, 65160, 0, "020405b40402030307000000",
	  "ESTABLISHED", "SYN_RECV", 59, "" },
	{ .dir = O, 397343974ull, "A", 1001, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 482942091ull, "A", 1000, 5001, 502, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = R, 564021402ull, "A", 5001, 1001, 508, 0, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
	{ .dir = O, 648724517ull, "A", 1000, 5001, 502, 1, "",
	  "ESTABLISHED", "ESTABLISHED ASSURED", 431999, "" },
};
static const struct tcp_sysctl keepalive_sysctls[] = { { NULL, 0 } };

static const struct tcp_case tcp_cases[] = {
	CASE(close_client_first, 40000),
	CASE(close_server_first, 40001),
	CASE(close_simultaneous, 40002),
	CASE(rst_exact, 40003),
	CASE(rst_in_window, 40004),
	CASE(rst_below, 40005),
	CASE(rst_below_ignored, 40006),
	CASE(rst_answers_syn, 40007),
	CASE(rst_from_client_unreplied, 40008),
	CASE(simultaneous_open, 40009),
	CASE(syn_retransmitted, 40010),
	CASE(synack_first, 40011),
	CASE(scans, 40012),
	CASE(pickup_loose, 40013),
	CASE(pickup_strict, 40014),
	CASE(pickup_fin, 40015),
	CASE(out_of_window, 40016),
	CASE(overshoot, 40017),
	CASE(wscale_both, 40018),
	CASE(wscale_one_side, 40019),
	CASE(sack, 40020),
	CASE(sack_not_permitted, 40021),
	CASE(liberal, 40022),
	CASE(time_wait_reopen, 40023),
	CASE(syn_in_established, 40024),
	CASE(syn_ignored_then_synack, 40025),
	CASE(invalid_in_syn_sent, 40026),
	CASE(retransmissions, 40027),
	CASE(unacknowledged, 40028),
	CASE(bad_checksum, 40029),
	CASE(lower_timeout, 40030),
	CASE(challenge_ack_last_ack, 40031),
	CASE(syn_sent_challenge, 40032),
	CASE(syn_sent_newer_syn, 40033),
	CASE(synack_newer, 40034),
	CASE(reply_syn_time_wait, 40035),
	CASE(pickup_reply_side, 40036),
	CASE(rst_in_fin_wait, 40037),
	CASE(rst_train, 40038),
	CASE(rst_then_syn_same_side, 40039),
	CASE(rst_then_syn_other_side, 40040),
	CASE(rst_syn_wrong_ack, 40041),
	CASE(timeouts_sysctl, 40042),
	CASE(no_checksum, 40043),
	CASE(keepalive, 40044),
};

/* ---- the driver ----------------------------------------------------------- */

/* seg_frame: the Ethernet frame of s in case c, into b (cap bytes); its
 * length, 0 when it does not fit */
static size_t
seg_frame(const struct tcp_case *c, const struct tcp_seg *s, uint8_t *b,
	  size_t cap)
{
	static const char letters[] = "FSRPAUEC";
	static const uint8_t cli_ip[4] = { 10, 0, 1, 2 }, srv_ip[4] = {
		10, 0, 2, 2 };
	uint8_t *ip = b + 14, *th = ip + 20;
	size_t olen = strlen(s->opts) / 2, tlen = 20 + olen + s->len;
	uint8_t flags = 0;

	if (14 + 20 + tlen > cap)
		return 0;
	/* Ethernet: the firewall's MAC on the sender's side, the peer's */
	memcpy(b, s->dir == O ? "\x02\0\0\0\x01\x01\x02\0\0\0\x01\x02" :
		  "\x02\0\0\0\x02\x01\x02\0\0\0\x02\x02", 12);
	ut_put16(b + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ut_put16(ip + UT_IP_OFF_TOTLEN, (uint16_t)(20 + tlen));
	ut_put16(ip + UT_IP_OFF_ID, s->dir == O ? 0x1000 : 0x2000);
	ip[UT_IP_OFF_TTL] = 64;
	ip[UT_IP_OFF_PROTO] = 6;
	memcpy(ip + UT_IP_OFF_SADDR, s->dir == O ? cli_ip : srv_ip, 4);
	memcpy(ip + UT_IP_OFF_DADDR, s->dir == O ? srv_ip : cli_ip, 4);
	ut_ip_send_check(ip);
	for (const char *f = s->flags; *f; f++)
		flags |= (uint8_t)(1u << (strchr(letters, *f) - letters));
	memset(th, 0, 20);
	ut_put16(th, s->dir == O ? c->port : 80);
	ut_put16(th + 2, s->dir == O ? 80 : c->port);
	ut_put32(th + 4, s->seq);
	ut_put32(th + 8, s->ack);
	th[12] = (uint8_t)((s->doff ? s->doff : (20 + olen) / 4) << 4);
	th[13] = flags;
	ut_put16(th + 14, s->win);
	unit_unhex(s->opts, th + 20, olen);
	memset(th + 20 + olen, 'x', s->len);
	ut_put16(th + 16, s->csum ? s->csum :
			  ut_l4_csum(ip, th, tlen, 6));
	return 14 + 20 + tlen;
}

/* the reasons of the nf_ct_proto_6 lines logged so far */
struct reasons {
	char text[1024];
	const char *verdict;
};

static void
on_log(void *ctx, const char *line, size_t len)
{
	static const char tag[] = "nf_ct_proto_6: ";
	struct reasons *r = ctx;
	const char *b = strstr(line, tag), *end;
	size_t used = strlen(r->text), n;

	(void)len;
	if (!b)
		return;
	b += sizeof(tag) - 1;
	end = strstr(b, " IN=");
	n = end ? (size_t)(end - b) : strlen(b);
	if (used + n + 2 >= sizeof(r->text))
		return;
	if (used)
		r->text[used++] = '|';
	memcpy(r->text + used, b, n);
	r->text[used + n] = '\0';
}

static struct ut_host *
make_host(const struct tcp_case *c)
{
	struct ut_host *h = ut_host_new();
	struct ut_err err = { 0 };
	struct ut_buf t;
	int ret;

	if (!h)
		return NULL;
	ut_buf_init(&t);
	ut_buf_puts(&t, "link add ea address 02:00:00:00:01:01\n"
		    "link add eb address 02:00:00:00:02:01\n"
		    "addr add 10.0.1.1/24 dev ea\n"
		    "addr add 10.0.2.1/24 dev eb\n"
		    "neigh add 10.0.1.2 lladdr 02:00:00:00:01:02 dev ea\n"
		    "neigh add 10.0.2.2 lladdr 02:00:00:00:02:02 dev eb\n"
		    "sysctl net.ipv4.ip_forward=1\n"
		    "sysctl net.netfilter.nf_conntrack_log_invalid=6\n");
	for (size_t i = 0; c->sysctls[i].key; i++)
		ut_buf_printf(&t, "sysctl net.netfilter.%s=%d\n",
			      c->sysctls[i].key, c->sysctls[i].value);
	ret = ut_host_parse(h, ut_buf_str(&t), "host", &err);
	CHECK(ret == 0, "%s: host: %s", c->name, err.msg);
	ut_buf_fini(&t);
	if (ret < 0) {
		ut_host_free(h);
		return NULL;
	}
	return h;
}

static struct ut_ruleset *
make_rules(void)
{
	struct ut_ruleset *rs = ut_ruleset_new();
	struct restore_opts o = { 0 };
	struct ut_err err = { 0 };
	struct ut_buf t, out, warn;
	int ret;

	if (!rs)
		return NULL;
	ut_buf_init(&t);
	ut_buf_init(&out);
	ut_buf_init(&warn);
	/* an empty nat table brings connection tracking */
	ut_buf_puts(&t, "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
		    ":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
		    "COMMIT\n");
	ret = ut_restore_text(rs, ut_buf_str(&t), t.len, &o,
			      "iptables-restore", &out, &warn, &err);
	CHECK(ret == 0, "rules: %s", err.msg);
	ut_buf_fini(&t);
	ut_buf_fini(&out);
	ut_buf_fini(&warn);
	if (ret < 0) {
		ut_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* what conntrack made of the segment in PREROUTING, in the words of the
 * recorder's rules (ESTABLISHED for both directions; "-": dropped there) */
static void
on_step(void *ctx, const struct ut_pkt *p, const char *text)
{
	static const char tag[] = "conntrack PREROUTING: ";
	static const char *const words[] = { "INVALID", "NEW", "ESTABLISHED",
					     "RELATED" };
	struct reasons *r = ctx;

	(void)p;
	if (strncmp(text, tag, sizeof(tag) - 1) != 0)
		return;
	text += sizeof(tag) - 1;
	for (size_t i = 0; i < 4; i++)
		if (strncmp(text, words[i], strlen(words[i])) == 0)
			r->verdict = words[i];
}

/* the table's only entry as the recorder sums it up: state and flags in
 * *state, seconds left as the result (-1: no entry) */
static int
entry_of(struct ut_engine *e, char *state, size_t cap)
{
	struct ut_buf out;
	char word[4][64];
	const char *l;
	int timeout = -1;

	state[0] = '\0';
	ut_buf_init(&out);
	ut_ct_output(ut_ct_engine_net(e), &out);
	l = ut_buf_str(&out);
	if (sscanf(l, "%63s %63s %63s %63s", word[0], word[1], word[2],
		   word[3]) == 4 && strcmp(word[0], "tcp") == 0) {
		timeout = atoi(word[2]);
		snprintf(state, cap, "%s%s%s", word[3],
			 strstr(l, "[UNREPLIED]") ? " UNREPLIED" : "",
			 strstr(l, "[ASSURED]") ? " ASSURED" : "");
		CHECK(strchr(l, '\n') == NULL ||
		      strchr(l, '\n')[1] == '\0', "more than one entry: %s", l);
	}
	ut_buf_fini(&out);
	return timeout;
}

static void
run_case(const struct tcp_case *c)
{
	struct ut_host *h = make_host(c);
	struct ut_ruleset *rs = make_rules();
	struct reasons log = { { 0 }, "-" };
	struct ut_engine_sink sink = { .ctx = &log, .log = on_log,
				       .step = on_step };
	struct ut_err err = { 0 };
	struct ut_engine *e = NULL;

	if (h && rs)
		e = ut_engine_new(rs, h, &sink, &err);
	CHECK(e != NULL, "%s: engine: %s", c->name, err.msg);
	if (e)
		ut_engine_trace_all(e, true);
	for (size_t i = 0; e && i < c->n; i++) {
		const struct tcp_seg *s = &c->segs[i];
		const struct ut_iface *dev =
			ut_host_iface(h, s->dir == O ? "ea" : "eb");
		char state[128];
		uint8_t b[2048];
		size_t n = seg_frame(c, s, b, sizeof(b));
		int timeout;

		CHECK(n > 0, "%s seg %zu: frame", c->name, i);

		log.text[0] = '\0';
		log.verdict = "-";
		ut_engine_rx(e, dev, 1700000000000000000ull + s->t_ns, i + 1, b,
			     n);
		CHECK_STR(log.verdict, s->verdict,
			  "%s seg %zu: rule", c->name, i);
		timeout = entry_of(e, state, sizeof(state));
		CHECK_STR(state, s->state, "%s seg %zu: entry", c->name, i);
		CHECK(timeout == s->timeout || timeout - 1 == s->timeout,
		      "%s seg %zu: %d seconds left, kernel %d", c->name, i,
		      timeout, s->timeout);
		CHECK_STR(log.text, s->log, "%s seg %zu: log", c->name, i);
	}
	ut_engine_free(e);
	ut_ruleset_free(rs);
	ut_host_free(h);
}

void
test_ct_tcp(void)
{
	for (size_t i = 0; i < sizeof(tcp_cases) / sizeof(tcp_cases[0]); i++)
		run_case(&tcp_cases[i]);
}
