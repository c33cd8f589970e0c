/* cls_ref.c: the classifier's question answered rule by rule: does the
 * header part of one rule pass for a packet. The reference that the
 * compiled form must equal (tests/unit/classify_test.c, fuzz_classify)
 * and the linear loop bench/classify measures it against. */
#include "classify/classify.h"

static bool
range_passes(const struct ut_cls_range *r, bool valid, uint16_t v)
{
	if (!r->given || !valid)
		return true;
	for (unsigned k = 0; k < r->n; k++)
		if (v >= r->lo[k] && v <= r->hi[k])
			return true;
	return false;
}

/* dev_passes: the rule's interface test against device index dev, whose
 * name devs[dev] is (index 0: no device, named ""; an index without a
 * name: not tested, as the classifier cannot look it up) */
static bool
dev_passes(const char *name, bool wild, bool inv, int dev,
	   const char *const *devs, size_t n_devs)
{
	const char *dn;

	if ((!name || !name[0]) && !inv)
		return true;
	if (dev < 0 || (size_t)dev >= (n_devs ? n_devs : 1))
		return true;
	dn = dev == 0 ? "" : devs[dev];
	if (!dn)
		return true;
	return ut_cls_iface_matches(name, wild, dn) ^ inv;
}

bool
ut_cls_rule_passes(const struct ut_cls_rule *r, const struct ut_cls_key *k,
		   const char *const *devs, size_t n_devs)
{
	if ((k->saddr & r->smsk) != r->src || (k->daddr & r->dmsk) != r->dst)
		return false;
	if (r->proto && !((r->proto == k->proto) ^ r->proto_inv))
		return false;
	if ((r->frag || r->frag_inv) &&
	    ((r->frag && !k->isfrag) ^ r->frag_inv))
		return false;
	if (!range_passes(&r->sport, k->has_ports, k->sport) ||
	    !range_passes(&r->dport, k->has_ports, k->dport) ||
	    !range_passes(&r->icmp, k->has_icmp, k->icmp))
		return false;
	if (r->flg_given && k->has_flags &&
	    !(((k->flags & r->flg_mask) == r->flg_cmp) ^ r->flg_inv))
		return false;
	return dev_passes(r->in, r->in_wild, r->in_inv, k->in, devs, n_devs) &&
	       dev_passes(r->out, r->out_wild, r->out_inv, k->out, devs,
			  n_devs);
}
