/* ct_sctp_gre_kernel.h: written by ct_sctp_gre_kernel.py on Linux 6.18.44-fc-v1294
 * (the expected results of ct_sctp_gre_test.c; do not edit) */
static const struct ct_step sctp_assoc_steps[] = {
	{ 'o', 0ull, 86191071ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 251005010ull, 336702047ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 500250944ull, 587691913ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500b0b0b0b38177c3f"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 750439760ull, 836062296ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0a8677d13c"
	  "0b000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1000568464ull, 1086660702ull,
	  "450000380001000040847c34c0000202cb00710a138800500b0b0b0bac3bf5e0"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 1250617836ull, 1336630638ull,
	  "450000300001000040847c3ccb00710ac0000202005013880a0a0a0a7a2d547f"
	  "03000010000000640000ffff00000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1500965705ull, 1587907029ull,
	  "450000480001000040847c24c0000202cb00710a138800500b0b0b0bcff53d2b"
	  "0003001500000065000000000000000068656c6c6f0000000300001000000064"
	  "0000ffff00000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1751002534ull, 1837276869ull,
	  "450000380001000040847c34c0000202cb00710a13880050123456783112c56e"
	  "0003001500000066000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 78563412 vs b0b0b0b for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 2000235482ull, 2087140793ull,
	  "450000300001000040847c3ccb00710ac0000202005013880b0b0b0bdd5ae915"
	  "03000010000000650000ffff00000000"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed b0b0b0b vs a0a0a0a for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=48 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 2251015275ull, 2339716476ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0aaaac95d3"
	  "04000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2500804792ull, 2591181487ull,
	  "450000240001000040847c48c0000202cb00710a138800500b0b0b0bf420f843"
	  "05000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2750317943ull, 2840382174ull,
	  "450000280001000040847c44c0000202cb00710a138800500b0b0b0ba480ed60"
	  "07000008000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 3000009145ull, 3090108837ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0abffef35e"
	  "08000004"
	  , "ESTABLISHED",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3250476381ull, 3339741672ull,
	  "450000240001000040847c48c0000202cb00710a138800500b0b0b0b2bca9ed7"
	  "0e000004"
	  , "ESTABLISHED",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3500250479ull, 3590327865ull,
	  "450000380001000040847c34c0000202cb00710a138800500b0b0b0b4d5fd800"
	  "0003001500000067000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_assoc_sysctls[] = {
	NULL
};

static const struct ct_step sctp_shutdown_reply_steps[] = {
	{ 'o', 0ull, 91937018ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 251020248ull, 341854294ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 500864560ull, 591805990ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500b0b0b0b38177c3f"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 750548217ull, 843129582ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0a8677d13c"
	  "0b000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 1000413047ull, 1089967288ull,
	  "450000280001000040847c44cb00710ac0000202005013880a0a0a0a2516ba49"
	  "0700000800000064"
	  , "ESTABLISHED",
	  "sctp     132 2 SHUTDOWN_RECD src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1250006171ull, 1338749930ull,
	  "450000240001000040847c48c0000202cb00710a138800500b0b0b0b59d8db13"
	  "08000004"
	  , "ESTABLISHED",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 1500883508ull, 1592456390ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0ab37ef73f"
	  "0e010004"
	  , "INVALID",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 1750953971ull, 1845640951ull,
	  "450000240001000040847c48cb00710ac0000202005013880b0b0b0baff09fa6"
	  "0e010004"
	  , "ESTABLISHED",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_shutdown_reply_sysctls[] = {
	NULL
};

static const struct ct_step sctp_abort_steps[] = {
	{ 'o', 0ull, 87676828ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 250131628ull, 343033513ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 501033742ull, 588837789ull,
	  "450000240001000040847c48cb00710ac0000202005013880b0b0b0b37019af5"
	  "06000004"
	  , "INVALID",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 750518491ull, 836458359ull,
	  "450000240001000040847c48cb00710ac0000202005013880b0b0b0b4993db50"
	  "06010004"
	  , "ESTABLISHED",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1000873143ull, 1086821062ull,
	  "450000340001000040847c38c0000202cb00710a138900500000000070ad411d"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'r', 1250260566ull, 1336594579ull,
	  "450000340001000040847c38cb00710ac0000202005013890a0a0a0af2ea4c38"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1500502946ull, 1588672230ull,
	  "450000240001000040847c48c0000202cb00710a138900500b0b0b0bcc545446"
	  "06000004"
	  , "ESTABLISHED",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'o', 1750588978ull, 1836844451ull,
	  "450000340001000040847c38c0000202cb00710a138a005000000000e70ca894"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  , "" },
	{ 'r', 2000599435ull, 2085379472ull,
	  "450000340001000040847c38cb00710ac00002020050138a0a0a0a0a6cc1cc25"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'o', 2250623449ull, 2340160556ull,
	  "450000240001000040847c48c0000202cb00710a138a00500a0a0a0aad4feed2"
	  "06010004"
	  , "ESTABLISHED",
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_abort_sysctls[] = {
	NULL
};

static const struct ct_step sctp_first_steps[] = {
	{ 'o', 0ull, 86984446ull,
	  "450000380001000040847c34c0000202cb00710a138900500a0a0a0ae5975266"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  ""
	  , "" },
	{ 'o', 250829827ull, 337289498ull,
	  "450000240001000040847c48c0000202cb00710a138a00500a0a0a0ad3ddaf77"
	  "06000004"
	  , "INVALID",
	  ""
	  , "" },
	{ 'o', 500099606ull, 586524090ull,
	  "450000240001000040847c48c0000202cb00710a138b00500a0a0a0a7fd80240"
	  "0b000004"
	  , "INVALID",
	  ""
	  , "" },
	{ 'o', 750861453ull, 848593562ull,
	  "450000240001000040847c48c0000202cb00710a138c00500a0a0a0ac2c621d5"
	  "0e000004"
	  , "INVALID",
	  ""
	  , "" },
	{ 'o', 1000686879ull, 1099436384ull,
	  "450000240001000040847c48c0000202cb00710a138d00500a0a0a0ab129ea76"
	  "08000004"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  , "" },
	{ 'o', 1250081575ull, 1341398579ull,
	  "450000240001000040847c48c0000202cb00710a138e00500a0a0a0aa77c1f53"
	  "04000004"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  , "" },
	{ 'o', 1500454201ull, 1588024468ull,
	  "4500002c0001000040847c40c0000202cb00710a138f00500a0a0a0a4fd45ead"
	  "0a00000c636f6f6b69652121"
	  , "INVALID",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  , "" },
	{ 'o', 1750579299ull, 1839611344ull,
	  "4500002c0001000040847c40c0000202cb00710a139000500000000069885c56"
	  "0a00000c636f6f6b69652121"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  , "" },
	{ 'o', 2000452295ull, 2090989645ull,
	  "450000340001000040847c38c0000202cb00710a139100500a0a0a0a16503c5b"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  , "" },
	{ 'o', 2250288931ull, 2339155759ull,
	  "450000340001000040847c38c0000202cb00710a1392005000000000f624cf8b"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "NEW",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  , "" },
	{ 'o', 2500719820ull, 2590967744ull,
	  "450000340001000040847c38c0000202cb00710a139300500a0a0a0a616ee9ed"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed a0a0a0a vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 2750115277ull, 2841813928ull,
	  "450000280001000040847c44c0000202cb00710a139400500a0a0a0aeb95bf5e"
	  "0700000800000000"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed a0a0a0a vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 3001364062ull, 3097197273ull,
	  "450000240001000040847c48c0000202cb00710a139500500a0a0a0a31440c70"
	  "05000004"
	  , "NEW",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5013 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5013 mark=0 use=1\n"
	  , "" },
	{ 'o', 3250739512ull, 3340359502ull,
	  "450000240001000040847c48c0000202cb00710a1396005000000000df825733"
	  "05000004"
	  , "NEW",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5013 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5013 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5014 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5014 mark=0 use=1\n"
	  , "" },
	{ 'o', 3500985878ull, 3589763531ull,
	  "450000240001000040847c48c0000202cb00710a139700500a0a0a0a26ec7732"
	  "09000004"
	  , "INVALID",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5013 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5013 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5014 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5014 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed a0a0a0a vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=36 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 3751007949ull, 3848303286ull,
	  "450000240001000040847c48c0000202cb00710a139800500000000026dbb8d8"
	  "09000004"
	  , "NEW",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5005 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5013 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5013 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5014 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5014 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5016 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5016 mark=0 use=1\n"
	  , "" },
	{ 'o', 4000850226ull, 4088377936ull,
	  "4500003c0001000040847c30c0000202cb00710a139900500a0a0a0ad5488c87"
	  "040000040003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5010 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5010 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5013 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5013 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5014 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5014 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5016 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5016 mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_first_sysctls[] = {
	NULL
};

static const struct ct_step sctp_first_tags_steps[] = {
	{ 'o', 0ull, 86613074ull,
	  "450000240001000040847c48c0000202cb00710a177000501111111180700ff0"
	  "05000004"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "" },
	{ 'o', 250438662ull, 338581407ull,
	  "450000380001000040847c34c0000202cb00710a1770005077777777b33939f8"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 500258659ull, 586062398ull,
	  "450000380001000040847c34cb00710ac000020200501770777777778a555e93"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 750100165ull, 837968457ull,
	  "450000240001000040847c48c0000202cb00710a17710050111111113927c44a"
	  "04000004"
	  , "NEW",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1000799113ull, 1087694354ull,
	  "450000380001000040847c34c0000202cb00710a177100507777777790afffd9"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 1250073720ull, 1337272815ull,
	  "450000380001000040847c34cb00710ac00002020050177177777777a57e67c9"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1501112726ull, 1589787086ull,
	  "450000240001000040847c48c0000202cb00710a17720050111111112f72316f"
	  "08000004"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1750371654ull, 1838164552ull,
	  "450000380001000040847c34c0000202cb00710a1772005077777777f515b4bb"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 2000211206ull, 2090005293ull,
	  "450000380001000040847c34cb00710ac00002020050177277777777d4032c27"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 2250484265ull, 2339240145ull,
	  "450000340001000040847c38c0000202cb00710a1773005000000000aab7c7eb"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  , "" },
	{ 'o', 2500229417ull, 2588035827ull,
	  "450000380001000040847c34c0000202cb00710a1773005077777777d683729a"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 2750365144ull, 2839658317ull,
	  "450000380001000040847c34cb00710ac00002020050177377777777fb28157d"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs b0b0b0b for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 3000261976ull, 3086027296ull,
	  "4500002c0001000040847c40c0000202cb00710a1774005000000000fbd363d6"
	  "0a00000c636f6f6b69652121"
	  , "NEW",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  , "" },
	{ 'o', 3250186580ull, 3335782288ull,
	  "450000380001000040847c34c0000202cb00710a17740050777777773f61237f"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 3500745622ull, 3587053461ull,
	  "450000380001000040847c34cb00710ac00002020050177477777777c78f56fe"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 27 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 3750105581ull, 3837850840ull,
	  "450000240001000040847c48c0000202cb00710a1775005000000000c4f35fa4"
	  "09000004"
	  , "NEW",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 26 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  , "" },
	{ 'o', 4000722354ull, 4088380571ull,
	  "450000380001000040847c34c0000202cb00710a17750050777777771cf7e55e"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 26 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 5 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 4250174830ull, 4336400912ull,
	  "450000380001000040847c34cb00710ac00002020050177577777777e8a46fa4"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6002 mark=0 use=1\n"
	  "sctp     132 26 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 5 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 4500356734ull, 4585413091ull,
	  "450000340001000040847c38c0000202cb00710a17760050000000008fdc8a33"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 26 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 5 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "" },
	{ 'o', 4751011509ull, 4837876677ull,
	  "450000380001000040847c34c0000202cb00710a1776005077777777794dae3c"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 25 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 5 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 5000822165ull, 5087140906ull,
	  "450000380001000040847c34cb00710ac0000202005017767777777799d9244a"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 25 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 4 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs a0a0a0a for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 5250369011ull, 5342773980ull,
	  "450000280001000040847c44c0000202cb00710a1777005011111111edc165ef"
	  "0800000404000004"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6007 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6007 mark=0 use=1\n"
	  "sctp     132 25 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 4 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "" },
	{ 'o', 5500203063ull, 5590306153ull,
	  "450000380001000040847c34c0000202cb00710a17770050777777775adb681d"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6007 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6007 mark=0 use=1\n"
	  "sctp     132 25 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 4 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 5750740294ull, 5842090531ull,
	  "450000380001000040847c34cb00710ac00002020050177777777777b6f21d10"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6007 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6007 mark=0 use=1\n"
	  "sctp     132 24 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 4 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 6000070258ull, 6092276649ull,
	  "450000280001000040847c44c0000202cb00710a1778005011111111e4a236fb"
	  "0400000408000004"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6007 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6007 mark=0 use=1\n"
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6008 mark=0 use=1\n"
	  "sctp     132 24 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 3 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "" },
	{ 'o', 6250865709ull, 6342222844ull,
	  "450000380001000040847c34c0000202cb00710a17780050777777775afee1f3"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6007 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6007 mark=0 use=1\n"
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6008 mark=0 use=1\n"
	  "sctp     132 24 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 3 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 5 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 6500489772ull, 6593898726ull,
	  "450000380001000040847c34cb00710ac0000202005017787777777710e14f49"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6007 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6007 mark=0 use=1\n"
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=6008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6008 mark=0 use=1\n"
	  "sctp     132 24 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=6001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6001 mark=0 use=1\n"
	  "sctp     132 3 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6000 mark=0 use=1\n"
	  "sctp     132 5 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6003 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6003 mark=0 use=1\n"
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6004 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6004 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6005 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6005 mark=0 use=1\n"
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=6006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=6006 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 77777777 vs 11111111 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
};
static const char *const sctp_first_tags_sysctls[] = {
	NULL
};

static const struct ct_step sctp_chunks_steps[] = {
	{ 'o', 0ull, 89887789ull,
	  "4500004c0001000040847c20c0000202cb00710a13890050000000000913dd5f"
	  "010000140a0a0a0a0000ffff0001000100000064000300150000006400000000"
	  "0000000068656c6c6f000000"
	  , "INVALID",
	  ""
	  , "nf_ct_proto_132: do_basic_checks failed. chunk num 1, type 0, len 5376 flag 1\n IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=76 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 251347281ull, 339902260ull,
	  "4500004c0001000040847c20c0000202cb00710a138a00500000000016ccd092"
	  "0003001500000064000000000000000068656c6c6f000000010000140a0a0a0a"
	  "0000ffff0001000100000064"
	  , "INVALID",
	  ""
	  , "nf_ct_proto_132: do_basic_checks failed. chunk num 1, type 1, len 5120 flag 1\n IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=76 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 500707633ull, 590514027ull,
	  "450000200001000040847c4cc0000202cb00710a138b00500000000098b60f32"
	  , "INVALID",
	  ""
	  , "" },
	{ 'o', 750802440ull, 838612587ull,
	  "450000340001000040847c38c0000202cb00710a138c00500000000069f0eae8"
	  "0100000000000000000000000000000000000000"
	  , "INVALID",
	  ""
	  , "nf_ct_proto_132: do_basic_checks failed. chunk num 0, type 1, len 0 flag 1\n IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1000851924ull, 1095576099ull,
	  "450000340001000040847c38c0000202cb00710a138d00500000000012345678"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "INVALID",
	  ""
	  , "nf_ct_proto_132: nf_ct_sctp: bad CRC  IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1250226911ull, 1337859941ull,
	  "4500001b0001000040847c51c0000202cb00710a13880050000000"
	  , "INVALID",
	  ""
	  , "nf_ct_proto_132: nf_ct_sctp: short packet  IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=27 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1500457428ull, 1593507615ull,
	  "450000200001000040847c4cc0000202cb00710a138800500000000000000000"
	  , "INVALID",
	  ""
	  , "nf_ct_proto_132: nf_ct_sctp: bad CRC  IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=32 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1750951386ull, 1840574828ull,
	  "450000370001000040847c35c0000202cb00710a138e005000000000b1dda0bc"
	  "010000140a0a0a0a0000ffff0001000100000064000000"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  , "" },
	{ 'o', 2000902391ull, 2093787939ull,
	  "450000260001000040847c46c0000202cb00710a138f005000000000711654f4"
	  "010000060000"
	  , "INVALID",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  , "" },
	{ 'o', 2250736414ull, 2340449260ull,
	  "450000360001000040847c36c0000202cb00710a1390005000000000aaedf8a1"
	  "010000c80a0a0a0a0000ffff00010001000000640000"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  , "" },
	{ 'o', 2500070294ull, 2591233135ull,
	  "450000280001000040847c44c0000202cb00710a1391005000000000e939a0aa"
	  "4000000509000000"
	  , "INVALID",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5006 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5006 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5008 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5008 mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_chunks_sysctls[] = {
	NULL
};

static const struct ct_step sctp_bundles_steps[] = {
	{ 'o', 0ull, 88291046ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 250245243ull, 342995650ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 500172022ull, 591488676ull,
	  "450000440001000040847c28c0000202cb00710a138800500b0b0b0b70a8c526"
	  "0a00000c636f6f6b696521210003001500000064000000000000000068656c6c"
	  "6f000000"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 750579116ull, 843627323ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0a2ad55cad"
	  "0b00000403000010000000640000ffff00000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1000449207ull, 1095991064ull,
	  "4500003c0001000040847c30c0000202cb00710a138800500b0b0b0bacc369a7"
	  "0003001500000065000000000000000068656c6c6f0000000b000004"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: do_basic_checks failed. chunk num 1, type 11, len 1024 flag 0\n IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 1250154573ull, 1342314492ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0adae2b312"
	  "03000010000000650000ffff000000000e000004"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: do_basic_checks failed. chunk num 1, type 14, len 1024 flag 1\n IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1501013476ull, 1593232161ull,
	  "450000440001000040847c28c0000202cb00710a138800500b0b0b0b3a59da51"
	  "0003001500000065000000000000000068656c6c6f0000000a00000c636f6f6b"
	  "69652121"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: do_basic_checks failed. chunk num 1, type 10, len 3072 flag 0\n IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=68 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 1750985381ull, 1845539489ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500b0b0b0bd7e6084a"
	  "070000080000000008000004"
	  , "ESTABLISHED",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2000300204ull, 2092207196ull,
	  "450000340001000040847c38c0000202cb00710a138900500000000070ad411d"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'r', 2250834629ull, 2342421788ull,
	  "450000340001000040847c38cb00710ac0000202005013890a0a0a0af2ea4c38"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2500406483ull, 2590212843ull,
	  "4500002c0001000040847c40c0000202cb00710a138900500b0b0b0b00e7af4a"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  "sctp     132 2 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 2750301782ull, 2840618548ull,
	  "450000240001000040847c48cb00710ac0000202005013890a0a0a0ae34f030c"
	  "0b000004"
	  , "ESTABLISHED",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3000122900ull, 3088200776ull,
	  "4500002c0001000040847c40c0000202cb00710a138900500b0b0b0b05f59ba8"
	  "070000080000000006010004"
	  , "INVALID",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 209 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3250719152ull, 3341381721ull,
	  "450000340001000040847c38c0000202cb00710a138a005000000000e70ca894"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 209 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 [ASSURED] mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  , "" },
	{ 'r', 3500681549ull, 3589966241ull,
	  "450000340001000040847c38cb00710ac00002020050138a0a0a0a0a6cc1cc25"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 1 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 209 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3750149775ull, 3847041991ull,
	  "4500002c0001000040847c40c0000202cb00710a138a00500b0b0b0b48f7dbd4"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 208 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 4001009028ull, 4091859230ull,
	  "450000240001000040847c48cb00710ac00002020050138a0a0a0a0acd2412e2"
	  "09000004"
	  , "ESTABLISHED",
	  "sctp     132 0 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 208 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 [ASSURED] mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_bundles_sysctls[] = {
	NULL
};

static const struct ct_step sctp_heartbeat_steps[] = {
	{ 'o', 0ull, 87731001ull,
	  "450000240001000040847c48c0000202cb00710a1388005011111111186b72c9"
	  "04000004"
	  , "NEW",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 251139747ull, 340194035ull,
	  "450000240001000040847c48cb00710ac00002020050138822222222b59ac7af"
	  "05000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 500806881ull, 589722071ull,
	  "450000380001000040847c34c0000202cb00710a138800501111111126bb27d0"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 750749950ull, 839595056ull,
	  "450000300001000040847c3ccb00710ac0000202005013882222222225307f1c"
	  "03000010000000640000ffff00000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2051066183ull, 2137810201ull,
	  "450000240001000040847c48c0000202cb00710a13880050333333335236ad83"
	  "04000004"
	  , "ESTABLISHED",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2300930112ull, 2387678043ull,
	  "450000380001000040847c34c0000202cb00710a13880050333333339740583e"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 33333333 vs 11111111 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 2550647702ull, 2637253237ull,
	  "450000240001000040847c48c0000202cb00710a13880050333333335236ad83"
	  "04000004"
	  , "ESTABLISHED",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 2800361697ull, 2886570697ull,
	  "450000240001000040847c48cb00710ac000020200501388444444446b7da670"
	  "05000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3050091000ull, 3136611097ull,
	  "450000380001000040847c34c0000202cb00710a13880050333333339740583e"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 33333333 vs 0 for dir 0 IN=eth0 OUT= MAC=02:00:00:00:01:00:02:00:00:00:00:01:08:00 SRC=192.0.2.2 DST=203.0.113.10 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'o', 3300043808ull, 3385928657ull,
	  "450000240001000040847c48c0000202cb00710a13880050333333335236ad83"
	  "04000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3550715174ull, 3638075740ull,
	  "450000380001000040847c34c0000202cb00710a13880050333333339740583e"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 3801207919ull, 3889038410ull,
	  "450000240001000040847c48cb00710ac00002020050138855555555ced3c955"
	  "05000004"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 4050135407ull, 4141982328ull,
	  "4500003c0001000040847c30cb00710ac000020200501388555555553ed71f17"
	  "040000040003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_heartbeat_sysctls[] = {
	NULL
};

static const struct ct_step sctp_heartbeat_first_steps[] = {
	{ 'o', 0ull, 89714565ull,
	  "450000240001000040847c48c0000202cb00710a1388005011111111186b72c9"
	  "04000004"
	  , "NEW",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 250738392ull, 342099526ull,
	  "450000240001000040847c48c0000202cb00710a1388005011111111186b72c9"
	  "04000004"
	  , "NEW",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 500161202ull, 594194000ull,
	  "450000240001000040847c48cb00710ac000020200501388222222220d308272"
	  "04000004"
	  , "ESTABLISHED",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 750117728ull, 839843244ull,
	  "450000380001000040847c34c0000202cb00710a138800501111111126bb27d0"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 1000238106ull, 1089427316ull,
	  "450000240001000040847c48cb00710ac00002020050138822222222b59ac7af"
	  "05000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 1250248152ull, 1340464462ull,
	  "450000240001000040847c48cb00710ac00002020050138822222222b59ac7af"
	  "05000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1500417964ull, 1590581573ull,
	  "450000240001000040847c48c0000202cb00710a1389005011111111a13cb973"
	  "05000004"
	  , "NEW",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'r', 1750546907ull, 1838494606ull,
	  "450000240001000040847c48cb00710ac00002020050138966666666fcb2eed7"
	  "04000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'o', 2000340824ull, 2087834979ull,
	  "450000240001000040847c48c0000202cb00710a138a0050111111111a916f06"
	  "04000004"
	  , "NEW",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'r', 2250195175ull, 2336671799ull,
	  "450000340001000040847c38cb00710ac00002020050138a00000000c789818d"
	  "010000140b0b0b0b0000ffff0001000100000064"
	  , "INVALID",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "nf_ct_proto_132: Invalid, old_state 8, dir 1, type 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 2500471097ull, 2591612006ull,
	  "450000340001000040847c38cb00710ac00002020050138a111111114f2a0f09"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "INVALID",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 11111111 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 2750385503ull, 2841324918ull,
	  "450000280001000040847c44cb00710ac00002020050138a11111111dbfe9df6"
	  "0700000800000000"
	  , "INVALID",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 29 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 11111111 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 3000861106ull, 3090126751ull,
	  "450000380001000040847c34cb00710ac00002020050138a222222229d3ea5a8"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "INVALID",
	  "sctp     132 208 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 28 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5002 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5002 mark=0 use=1\n"
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed 22222222 vs 0 for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
};
static const char *const sctp_heartbeat_first_sysctls[] = {
	NULL
};

static const struct ct_step sctp_init_retrans_steps[] = {
	{ 'o', 0ull, 88064096ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1300803658ull, 1386987808ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1550843704ull, 1636588847ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000d76ccf49"
	  "010000140c0c0c0c0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 8 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 2850061174ull, 2936625061ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "INVALID",
	  "sctp     132 7 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed a0a0a0a vs c0c0c0c for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
	{ 'r', 3100690350ull, 3190727204ull,
	  "450000340001000040847c38cb00710ac0000202005013880c0c0c0c2138e8c5"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 3350000676ull, 3438467367ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 3600016976ull, 3687427442ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500b0b0b0b38177c3f"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 3850382118ull, 3941326187ull,
	  "450000240001000040847c48cb00710ac0000202005013880c0c0c0cddc89665"
	  "0b000004"
	  , "INVALID",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed c0c0c0c vs a0a0a0a for dir 1 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=36 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
};
static const char *const sctp_init_retrans_sysctls[] = {
	NULL
};

static const struct ct_step sctp_collision_steps[] = {
	{ 'o', 0ull, 90077886ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 250718123ull, 340173045ull,
	  "450000340001000040847c38cb00710ac000020200501388000000007c69da67"
	  "010000140b0b0b0b0000ffff0001000100000064"
	  , "ESTABLISHED",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 500559721ull, 589182269ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 750642836ull, 839521487ull,
	  "450000340001000040847c38c0000202cb00710a138800500b0b0b0b50d31a32"
	  "020000140a0a0a0a0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 1000971401ull, 1091444925ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500b0b0b0b38177c3f"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 1250411573ull, 1340734236ull,
	  "4500002c0001000040847c40cb00710ac0000202005013880a0a0a0a99f63528"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 1500407284ull, 1591473115ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0a8677d13c"
	  "0b000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1750287504ull, 1843091096ull,
	  "450000380001000040847c34c0000202cb00710a138800500b0b0b0bac3bf5e0"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2000291860ull, 2088102498ull,
	  "450000340001000040847c38c0000202cb00710a13880050000000000bf198b8"
	  "010000140d0d0d0d0000ffff0001000100000064"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 2250416786ull, 2340094416ull,
	  "450000340001000040847c38cb00710ac0000202005013880d0d0d0d981f6400"
	  "020000140e0e0e0e0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 2500273351ull, 2589766640ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500e0e0e0ebd7d6894"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 2750665285ull, 2839458006ull,
	  "450000240001000040847c48cb00710ac0000202005013880d0d0d0dc146fefc"
	  "0b000004"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 3001070043ull, 3091539614ull,
	  "450000380001000040847c34c0000202cb00710a138800500e0e0e0e8c05c8d1"
	  "0003001500000064000000000000000068656c6c6f000000"
	  , "ESTABLISHED",
	  "sctp     132 209 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_collision_sysctls[] = {
	NULL
};

static const struct ct_step sctp_timeouts_steps[] = {
	{ 'o', 0ull, 89619990ull,
	  "450000340001000040847c38c0000202cb00710a1388005000000000fdcde665"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 6 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 250434875ull, 340981453ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0ad72197cf"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 10 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'o', 500127187ull, 591684038ull,
	  "4500002c0001000040847c40c0000202cb00710a138800500b0b0b0b38177c3f"
	  "0a00000c636f6f6b69652121"
	  , "ESTABLISHED",
	  "sctp     132 11 COOKIE_ECHOED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 750756915ull, 839161086ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0a8677d13c"
	  "0b000004"
	  , "ESTABLISHED",
	  "sctp     132 999 ESTABLISHED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1000032694ull, 1089560389ull,
	  "450000280001000040847c44c0000202cb00710a138800500b0b0b0ba480ed60"
	  "07000008000000c8"
	  , "ESTABLISHED",
	  "sctp     132 12 SHUTDOWN_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'r', 1250447181ull, 1342446203ull,
	  "450000240001000040847c48cb00710ac0000202005013880a0a0a0abffef35e"
	  "08000004"
	  , "ESTABLISHED",
	  "sctp     132 14 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1500300349ull, 1593338514ull,
	  "450000240001000040847c48c0000202cb00710a13890050111111111996fcae"
	  "04000004"
	  , "NEW",
	  "sctp     132 14 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 15 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "" },
	{ 'r', 1750769730ull, 1844588209ull,
	  "450000280001000040847c44cb00710ac00002020050138a0a0a0a0ae6aa2f50"
	  "0700000800000000"
	  , "INVALID",
	  "sctp     132 14 SHUTDOWN_ACK_SENT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 [ASSURED] mark=0 use=1\n"
	  "sctp     132 15 HEARTBEAT_SENT src=192.0.2.2 dst=203.0.113.10 sport=5001 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5001 mark=0 use=1\n"
	  , "nf_ct_proto_132: verification tag check failed a0a0a0a vs 0 for dir 0 IN=eth1 OUT= MAC=02:00:00:00:01:01:02:00:00:00:00:02:08:00 SRC=203.0.113.10 DST=192.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=132 \n" },
};
static const char *const sctp_timeouts_sysctls[] = {
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_closed=7",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_cookie_wait=11",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_cookie_echoed=12",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_established=1000",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_shutdown_sent=13",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_shutdown_recd=14",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_shutdown_ack_sent=15",
	"sysctl net.netfilter.nf_conntrack_sctp_timeout_heartbeat_sent=16",
	NULL
};

static const struct ct_step sctp_nochecksum_steps[] = {
	{ 'o', 0ull, 93953465ull,
	  "450000340001000040847c38c0000202cb00710a138800500000000012345678"
	  "010000140a0a0a0a0000ffff0001000100000064"
	  , "NEW",
	  "sctp     132 9 CLOSED src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
	{ 'r', 250193287ull, 344667933ull,
	  "450000340001000040847c38cb00710ac0000202005013880a0a0a0a00000000"
	  "020000140b0b0b0b0000ffff00010001000000c8"
	  , "ESTABLISHED",
	  "sctp     132 2 COOKIE_WAIT src=192.0.2.2 dst=203.0.113.10 sport=5000 dport=80 src=203.0.113.10 dst=192.0.2.2 sport=80 dport=5000 mark=0 use=1\n"
	  , "" },
};
static const char *const sctp_nochecksum_sysctls[] = {
	"sysctl net.netfilter.nf_conntrack_checksum=0",
	NULL
};

static const struct ct_step gre_v0_steps[] = {
	{ 'o', 0ull, 101829098ull,
	  "4500002c00010000402f7c95c0000202cb00710a000008004500000000000000"
	  "000000000000000000000000"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 250889580ull, 347040636ull,
	  "4500003000010000402f7c91c0000202cb00710a200008000000123445000000"
	  "00000000000000000000000000000000"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'r', 500133910ull, 591979300ull,
	  "4500002c00010000402f7c95cb00710ac0000202000008004500000000000000"
	  "000000000000000000000000"
	  , "ESTABLISHED",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'r', 750576941ull, 847469078ull,
	  "4500002c00010000402f7c95cb00710ac0000202000008004500000000000000"
	  "000000000000000000000000"
	  , "ESTABLISHED",
	  "gre      47 179 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1000193380ull, 1099062883ull,
	  "4500002c00010000402f7c95c0000202cb00710a000065584500000000000000"
	  "000000000000000000000000"
	  , "ESTABLISHED",
	  "gre      47 179 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 use=1\n"
	  , "" },
	{ 'o', 1250750507ull, 1345641627ull,
	  "4500001600010000402f7cabc0000202cb00710a0001"
	  , "ESTABLISHED",
	  "gre      47 179 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 use=1\n"
	  , "" },
};
static const char *const gre_v0_sysctls[] = {
	NULL
};

static const struct ct_step gre_pptp_steps[] = {
	{ 'o', 0ull, 96193345ull,
	  "4500002400010000402f7c9dc0000202cb00710a3001880b0004111100000001"
	  "ff030021"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'r', 250114665ull, 342315226ull,
	  "4500002400010000402f7c9dcb00710ac00002023001880b0004222200000001"
	  "ff030021"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'r', 500235444ull, 595704642ull,
	  "4500002400010000402f7c9dcb00710ac00002023001880b0004222200000002"
	  "ff030021"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 750277040ull, 840634594ull,
	  "4500002400010000402f7c9dc0000202cb00710a3001880b0004111100000002"
	  "ff030021"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 1000170777ull, 1095540717ull,
	  "4500001c00010000402f7ca5c0000202cb00710a2001080000003333"
	  , "INVALID",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 1250679664ull, 1345968694ull,
	  "4500001a00010000402f7ca7c0000202cb00710a2001880b0004"
	  , "NEW",
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 1500464041ull, 1602011975ull,
	  "4500001c00010000402f7ca5c0000202cb00710a2001880b00000000"
	  , "NEW",
	  "gre      47 28 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'r', 1750777395ull, 1844981337ull,
	  "4500001c00010000402f7ca5cb00710ac00002022001880b00000000"
	  , "ESTABLISHED",
	  "gre      47 28 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 28 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 29 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 2000018790ull, 2097691993ull,
	  "4500001c00010000402f7ca5c0000202cb00710a2001880b00000000"
	  , "ESTABLISHED",
	  "gre      47 179 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 use=1\n"
	  "gre      47 28 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x1111 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x1111 dstkey=0x0 mark=0 use=1\n"
	  "gre      47 28 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x2222 [UNREPLIED] src=192.0.2.2 dst=203.0.113.10 srckey=0x2222 dstkey=0x0 mark=0 use=1\n"
	  , "" },
};
static const char *const gre_pptp_sysctls[] = {
	NULL
};

static const struct ct_step gre_timeouts_steps[] = {
	{ 'o', 0ull, 101489082ull,
	  "4500002c00010000402f7c95c0000202cb00710a000008004500000000000000"
	  "000000000000000000000000"
	  , "NEW",
	  "gre      47 44 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 [UNREPLIED] src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'r', 250752339ull, 348450163ull,
	  "4500002c00010000402f7c95cb00710ac0000202000008004500000000000000"
	  "000000000000000000000000"
	  , "ESTABLISHED",
	  "gre      47 44 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 mark=0 use=1\n"
	  , "" },
	{ 'o', 500174138ull, 601483467ull,
	  "4500002c00010000402f7c95c0000202cb00710a000008004500000000000000"
	  "000000000000000000000000"
	  , "ESTABLISHED",
	  "gre      47 399 src=192.0.2.2 dst=203.0.113.10 srckey=0x0 dstkey=0x0 src=203.0.113.10 dst=192.0.2.2 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 use=1\n"
	  , "" },
};
static const char *const gre_timeouts_sysctls[] = {
	"sysctl net.netfilter.nf_conntrack_gre_timeout=45",
	"sysctl net.netfilter.nf_conntrack_gre_timeout_stream=400",
	NULL
};

static const struct ct_case kernel_cases[] = {
	{ "sctp_assoc", sctp_assoc_sysctls, sctp_assoc_steps, 15 },
	{ "sctp_shutdown_reply", sctp_shutdown_reply_sysctls, sctp_shutdown_reply_steps, 8 },
	{ "sctp_abort", sctp_abort_sysctls, sctp_abort_steps, 10 },
	{ "sctp_first", sctp_first_sysctls, sctp_first_steps, 17 },
	{ "sctp_first_tags", sctp_first_tags_sysctls, sctp_first_tags_steps, 27 },
	{ "sctp_chunks", sctp_chunks_sysctls, sctp_chunks_steps, 11 },
	{ "sctp_bundles", sctp_bundles_sysctls, sctp_bundles_steps, 17 },
	{ "sctp_heartbeat", sctp_heartbeat_sysctls, sctp_heartbeat_steps, 13 },
	{ "sctp_heartbeat_first", sctp_heartbeat_first_sysctls, sctp_heartbeat_first_steps, 13 },
	{ "sctp_init_retrans", sctp_init_retrans_sysctls, sctp_init_retrans_steps, 8 },
	{ "sctp_collision", sctp_collision_sysctls, sctp_collision_steps, 13 },
	{ "sctp_timeouts", sctp_timeouts_sysctls, sctp_timeouts_steps, 8 },
	{ "sctp_nochecksum", sctp_nochecksum_sysctls, sctp_nochecksum_steps, 2 },
	{ "gre_v0", gre_v0_sysctls, gre_v0_steps, 6 },
	{ "gre_pptp", gre_pptp_sysctls, gre_pptp_steps, 9 },
	{ "gre_timeouts", gre_timeouts_sysctls, gre_timeouts_steps, 3 },
};
