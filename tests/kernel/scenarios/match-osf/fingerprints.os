# Fingerprints for match-osf, in pf.os format (nfnl_osf -f):
# window:ttl:df:size:options:genre:version:subtype:description
#
# first the ones the Linux SYN must fail (window 5840 and T4 are not
# 4 x 1448), so that no fingerprint is compared after a match with the
# same size and TTL (the kernel reads on from where the match stopped)
5840:64:1:60:M*,S,T,N,W7:Linux:2.4:old:window 4 x 1460
T4:64:1:60:M*,S,T,N,W7:Linux:3.x:mtu:window 4 x (mss + 40)
S4:64:1:60:M*,S,T,N,W7:Linux:2.6:smart:window 4 x mss
65535:128:1:48:M*,N,N,S:Windows:XP:sp2:Windows XP
%8192:64:0:44:M*:@BSD:4:any:no DF, window a multiple of 8192
*:255:1:40:.:*Router:x:y:no options, any window
# a duplicate (blanks after ':' and ',' are skipped): the kernel keeps one
65535:128:1:48:  M*, N,N,   S:Windows:XP:sp2:Windows XP again
