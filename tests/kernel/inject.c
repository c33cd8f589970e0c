/*
 * ut-inject: replay pcap files into network namespaces at their recorded
 * relative times (the injector of tests/kernel/run.py).
 *
 *   ut-inject [-d DELAY_MS] [-l LATE_MS] NETNS_PATH IFACE FILE.pcap ...
 *
 * For each triple it enters the namespace (setns on NETNS_PATH, e.g.
 * /run/netns/NAME), opens an AF_PACKET socket on IFACE there (the socket
 * stays in that namespace) and goes back to the namespace it started in.
 * IFACE `@local` opens instead a raw IPv4 socket there (socket(AF_INET,
 * SOCK_RAW, IPPROTO_RAW): IP_HDRINCL implied, SO_BROADCAST on: every
 * datagram of a capture was sent by some program, broadcasts too), and each
 * datagram of that FILE.pcap (raw IPv4, or Ethernet: its first 14 bytes
 * are dropped) is sent with sendto() to its header's destination: the
 * packets of `utables run --local`, originated by the namespace's own
 * stack as root (OUTPUT sees uid 0 and a socket).
 * All frames of all files are then merged by timestamp (stable: on equal
 * stamps, file order then frame order) and sent so that frame i leaves at
 * T0 + (ts_i - ts_0), with T0 = now + DELAY_MS (default 100 ms). The
 * process asks for SCHED_FIFO and pins itself to one CPU when it may.
 *
 * Standard output, one `key=value` a line:
 *   t0=SEC.NSEC          CLOCK_REALTIME that corresponds to the first
 *                        frame's timestamp (what run.py subtracts from
 *                        capture stamps)
 *   first_ts=SEC.NSEC    the first frame's pcap timestamp
 *   frames=N
 *   dropped=N            frames the link refused (ENOBUFS from the veth:
 *                        larger than the receiving side's MTU + 18)
 *   refused=N            local datagrams that sendto() refused: kernel
 *                        verdicts such as EMSGSIZE (longer than the
 *                        device's MTU, raw_send_hdrinc), EPERM (netfilter
 *                        dropped it in OUTPUT or POSTROUTING); each is
 *                        also described on stderr as
 *                        `ut-inject: FILE packet N: refused: ERRNAME ...`
 *   max_late_us=N        how late the worst frame left its slot
 *   rt=0|1               whether SCHED_FIFO was granted
 * Exit status: 0 ok; 1 a frame was sent more than LATE_MS (default 10)
 * late or a send failed otherwise (the run is not trustworthy); 2 bad
 * usage/input.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <pcap/pcap.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct frame {
	int64_t ts_ns;       /* pcap timestamp, ns */
	size_t src;          /* index of the input (socket) */
	size_t seq;          /* position in its file */
	size_t len;
	unsigned char *data;
};

struct input {
	const char *ns_path;
	const char *iface;
	const char *file;
	int fd;
	int ifindex;
	int local;           /* IFACE `@local`: a raw IPv4 socket */
};

#define LOCAL_WORD "@local"

static void die(const char *msg)
{
	fprintf(stderr, "ut-inject: %s\n", msg);
	exit(2);
}

static void die_errno(const char *what, const char *arg)
{
	fprintf(stderr, "ut-inject: %s %s: %s\n", what, arg, strerror(errno));
	exit(2);
}

static int64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t mono_ns)
{
	struct timespec ts;
	int64_t spin_from = mono_ns - 200000; /* busy-wait the last 200 us */

	if (now_ns(CLOCK_MONOTONIC) < spin_from) {
		ts.tv_sec = spin_from / 1000000000;
		ts.tv_nsec = spin_from % 1000000000;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
				NULL) == EINTR)
			;
	}
	while (now_ns(CLOCK_MONOTONIC) < mono_ns)
		;
}

static int frame_cmp(const void *a, const void *b)
{
	const struct frame *x = a, *y = b;

	if (x->ts_ns != y->ts_ns)
		return x->ts_ns < y->ts_ns ? -1 : 1;
	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return 0;
}

/* open_in_ns: an AF_PACKET socket bound to IFACE inside the namespace */
static void open_in_ns(struct input *in, int home_fd)
{
	struct sockaddr_ll sll;
	struct ifreq ifr;
	int nsfd;

	nsfd = open(in->ns_path, O_RDONLY | O_CLOEXEC);
	if (nsfd < 0)
		die_errno("cannot open", in->ns_path);
	if (setns(nsfd, CLONE_NEWNET) < 0)
		die_errno("setns", in->ns_path);
	close(nsfd);
	if (in->local) {
		int on = 1;

		/* IPPROTO_RAW: header included, send only (raw_sendmsg
		 * with hdrincl); the socket receives nothing. SO_BROADCAST:
		 * the program that sent a broadcast in the capture had it */
		in->fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC,
				IPPROTO_RAW);
		if (in->fd < 0)
			die_errno("socket(AF_INET, SOCK_RAW) in", in->ns_path);
		if (setsockopt(in->fd, SOL_SOCKET, SO_BROADCAST, &on,
			       sizeof(on)) < 0)
			die_errno("setsockopt(SO_BROADCAST) in", in->ns_path);
		if (setns(home_fd, CLONE_NEWNET) < 0)
			die_errno("setns back from", in->ns_path);
		return;
	}
	in->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (in->fd < 0)
		die_errno("socket(AF_PACKET) in", in->ns_path);
	if (strlen(in->iface) >= IFNAMSIZ)
		die("interface name too long");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, in->iface);
	if (ioctl(in->fd, SIOCGIFINDEX, &ifr) < 0)
		die_errno("no interface", in->iface);
	in->ifindex = ifr.ifr_ifindex;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = 0; /* send only: receive nothing */
	sll.sll_ifindex = in->ifindex;
	if (bind(in->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die_errno("bind", in->iface);
	if (setns(home_fd, CLONE_NEWNET) < 0)
		die_errno("setns back from", in->ns_path);
}

/* load_pcap: the frames of FILE; for a local input, the IPv4 datagrams
 * (raw IPv4 files as they are, Ethernet ones without their 14-byte header)
 */
static void load_pcap(const char *file, size_t src, int local,
		struct frame **fr, size_t *n, size_t *cap)
{
	size_t strip = 0;
	int dlt;
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p;
	size_t seq = 0;
	int rc;

	p = pcap_open_offline_with_tstamp_precision(file,
		PCAP_TSTAMP_PRECISION_NANO, err);
	if (!p) {
		fprintf(stderr, "ut-inject: %s\n", err);
		exit(2);
	}
	dlt = pcap_datalink(p);
	if (local && dlt == DLT_EN10MB) {
		strip = 14;
	} else if (local && dlt != DLT_RAW && dlt != DLT_IPV4) {
		fprintf(stderr, "ut-inject: %s: link type %d, want raw IPv4 "
			"or Ethernet\n", file, dlt);
		exit(2);
	} else if (!local && dlt != DLT_EN10MB) {
		fprintf(stderr, "ut-inject: %s: link type %d, want Ethernet\n",
			file, dlt);
		exit(2);
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		struct frame *f;

		if (h->caplen != h->len) {
			fprintf(stderr, "ut-inject: %s: frame %zu truncated "
				"(%u of %u bytes)\n", file, seq + 1,
				h->caplen, h->len);
			exit(2);
		}
		if (local && (h->caplen < strip + 20 ||
			      (data[strip] >> 4) != 4)) {
			fprintf(stderr, "ut-inject: %s: packet %zu is not an "
				"IPv4 datagram\n", file, seq + 1);
			exit(2);
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*fr = realloc(*fr, *cap * sizeof(**fr));
			if (!*fr)
				die("out of memory");
		}
		f = &(*fr)[(*n)++];
		f->ts_ns = (int64_t)h->ts.tv_sec * 1000000000 + h->ts.tv_usec;
		f->src = src;
		f->seq = seq++;
		f->len = h->caplen - strip;
		f->data = malloc(f->len ? f->len : 1);
		if (!f->data)
			die("out of memory");
		memcpy(f->data, data + strip, f->len);
	}
	if (rc == -1) {
		fprintf(stderr, "ut-inject: %s: %s\n", file, pcap_geterr(p));
		exit(2);
	}
	pcap_close(p);
}

/* send_local: sendto() of one datagram to its header's destination (a raw
 * socket routes with the address given, not the header's: the same here).
 * Returns 0 sent, 1 refused by the kernel (counted, not a failure: the
 * errno is the kernel's verdict on the packet), -1 failed. */
/* send_link: one frame on its link. Returns 0 sent, 1 dropped by the link
 * (ENOBUFS from the veth: larger than the receiving side's MTU + 18, what
 * a NIC does with an oversize frame, not an injection failure), -1 failed.
 */
static int send_link(const struct input *s, const struct frame *f)
{
	struct sockaddr_ll sll;
	ssize_t w;

	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = s->ifindex;
	sll.sll_halen = ETH_ALEN;
	if (f->len >= ETH_ALEN)
		memcpy(sll.sll_addr, f->data, ETH_ALEN);
	w = sendto(s->fd, f->data, f->len, 0, (struct sockaddr *)&sll,
		sizeof(sll));
	if (w < 0 && errno == ENOBUFS) {
		fprintf(stderr, "ut-inject: %s frame %zu on %s: dropped by the "
			"link (ENOBUFS)\n", s->file, f->seq + 1, s->iface);
		return 1;
	}
	if (w < 0 || (size_t)w != f->len) {
		fprintf(stderr, "ut-inject: %s frame %zu on %s: send: %s\n",
			s->file, f->seq + 1, s->iface,
			w < 0 ? strerror(errno) : "short write");
		return -1;
	}
	return 0;
}

static const char *refusal_name(int e)
{
	switch (e) {
	case EMSGSIZE: return "EMSGSIZE";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EINVAL: return "EINVAL";
	case ENETUNREACH: return "ENETUNREACH";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case ENOBUFS: return "ENOBUFS";
	default: return NULL;
	}
}

static int send_local(const struct input *s, const struct frame *f)
{
	struct sockaddr_in sin;
	ssize_t w;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	memcpy(&sin.sin_addr, f->data + 16, 4);
	w = sendto(s->fd, f->data, f->len, 0, (struct sockaddr *)&sin,
		sizeof(sin));
	if (w >= 0 && (size_t)w == f->len)
		return 0;
	if (w >= 0) {
		fprintf(stderr, "ut-inject: %s packet %zu: short write\n",
			s->file, f->seq + 1);
		return -1;
	}
	/* the kernel's verdicts: EMSGSIZE longer than the device MTU
	 * (raw_send_hdrinc), EPERM an NF_DROP in OUTPUT or POSTROUTING
	 * (NF_HOOK's error), EINVAL a header raw_send_hdrinc rejects, E*UNREACH no route */
	if (refusal_name(errno)) {
		fprintf(stderr, "ut-inject: %s packet %zu: refused: %s (%s)\n",
			s->file, f->seq + 1, refusal_name(errno),
			strerror(errno));
		return 1;
	}
	fprintf(stderr, "ut-inject: %s packet %zu: sendto: %s\n", s->file,
		f->seq + 1, strerror(errno));
	return -1;
}

static void go_realtime(int *rt)
{
	struct sched_param sp;
	cpu_set_t set;
	int cpu = sched_getcpu();

	CPU_ZERO(&set);
	CPU_SET(cpu < 0 ? 0 : cpu, &set);
	(void)sched_setaffinity(0, sizeof(set), &set);
	memset(&sp, 0, sizeof(sp));
	sp.sched_priority = 50;
	*rt = sched_setscheduler(0, SCHED_FIFO, &sp) == 0;
}

int main(int argc, char **argv)
{
	struct input *in;
	struct frame *fr = NULL;
	size_t nin, nfr = 0, cap = 0, i, ndrop = 0, nrefused = 0;
	long delay_ms = 100, late_ms = 10;
	int64_t t0_mono, t0_real, worst = 0;
	int home_fd, opt, rt = 0, bad = 0;

	while ((opt = getopt(argc, argv, "d:l:")) != -1) {
		switch (opt) {
		case 'd':
			delay_ms = strtol(optarg, NULL, 10);
			break;
		case 'l':
			late_ms = strtol(optarg, NULL, 10);
			break;
		default:
			die("usage: ut-inject [-d DELAY_MS] [-l LATE_MS] "
				"NETNS_PATH IFACE FILE.pcap ...");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || argc % 3 != 0)
		die("usage: ut-inject [-d DELAY_MS] [-l LATE_MS] "
			"NETNS_PATH IFACE FILE.pcap ...");
	nin = (size_t)argc / 3;
	in = calloc(nin, sizeof(*in));
	if (!in)
		die("out of memory");
	home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home_fd < 0)
		die_errno("cannot open", "/proc/self/ns/net");
	for (i = 0; i < nin; i++) {
		in[i].ns_path = argv[3 * i];
		in[i].iface = argv[3 * i + 1];
		in[i].file = argv[3 * i + 2];
		in[i].local = strcmp(in[i].iface, LOCAL_WORD) == 0;
		load_pcap(in[i].file, i, in[i].local, &fr, &nfr, &cap);
		open_in_ns(&in[i], home_fd);
	}
	close(home_fd);
	if (nfr)
		qsort(fr, nfr, sizeof(*fr), frame_cmp);

	go_realtime(&rt);
	t0_mono = now_ns(CLOCK_MONOTONIC) + delay_ms * 1000000;
	t0_real = now_ns(CLOCK_REALTIME) + delay_ms * 1000000;
	for (i = 0; i < nfr; i++) {
		struct frame *f = &fr[i];
		struct input *s = &in[f->src];
		int64_t due = t0_mono + (f->ts_ns - fr[0].ts_ns), late;

		sleep_until(due);
		late = now_ns(CLOCK_MONOTONIC) - due;
		switch (s->local ? send_local(s, f) : send_link(s, f)) {
		case 1:
			if (s->local)
				nrefused++;
			else
				ndrop++;
			break;
		case -1:
			bad = 1;
			break;
		}
		if (late > worst)
			worst = late;
		if (late > late_ms * 1000000) {
			fprintf(stderr, "ut-inject: %s %s %zu sent %.3f ms "
				"late\n", s->file, s->local ? "packet" : "frame",
				f->seq + 1, late / 1e6);
			bad = 1;
		}
	}
	printf("t0=%lld.%09lld\n", (long long)(t0_real / 1000000000),
		(long long)(t0_real % 1000000000));
	printf("first_ts=%lld.%09lld\n",
		nfr ? (long long)(fr[0].ts_ns / 1000000000) : 0LL,
		nfr ? (long long)(fr[0].ts_ns % 1000000000) : 0LL);
	printf("frames=%zu\ndropped=%zu\nrefused=%zu\nmax_late_us=%lld\n"
		"rt=%d\n", nfr, ndrop, nrefused, (long long)(worst / 1000), rt);
	for (i = 0; i < nfr; i++)
		free(fr[i].data);
	free(fr);
	for (i = 0; i < nin; i++)
		close(in[i].fd);
	free(in);
	return bad;
}
