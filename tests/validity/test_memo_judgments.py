"""The memo's own judgments about who depends on whom, in what, and what scenarios and
removals do, as tests of the measures on the bundled data.

Each test quotes the sentence it rests on (``@memo``); ``test_every_cited_sentence_is
_in_the_memo`` checks every quote verbatim. The cases come from a reading of the memo
for explicit judgments (states, or directly implies); where the memo gives no direction,
the test asserts none. See docs/measures.md §3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import bilateral

from .conftest import BID, memo_text, row, without

CITED: dict[str, list[str]] = {}


def memo(*sentences: str) -> Callable[[Any], Any]:
    """Record the memo sentences a test rests on."""

    def mark(func: Any) -> Any:
        CITED[func.__name__] = list(sentences)
        return func

    return mark


@memo("Moscow understands the extent of the regime’s dependence and clearly delineates the "
      "boundaries of acceptable.")  # fmt: skip
def test_belarus_depends_on_russia_more_than_the_reverse(base) -> None:
    s = base.summary
    assert s.asymmetry > 0 and s.asymmetry_low > 0 and s.p_more_dependent > 0.95
    assert sum(d.asymmetry > 0 for d in base.domains) > sum(d.asymmetry < 0 for d in base.domains)


@memo("This, however, does not mean that the Lukashenko regime has unlimited freedom of "
      "action.", "Moscow understands the extent of the regime’s dependence and clearly "
      "delineates the boundaries of acceptable.")  # fmt: skip
def test_belarus_depends_more_under_every_modelling_choice(snap) -> None:
    """The memo's central judgment does not hang on a modelling choice: under every
    setting of the sensitivity table the asymmetry's interval stays above 0."""
    settings = bilateral.dependence(snap, "belarus", "russia", sensitivity=True).sensitivity
    assert len(settings) > 20
    for setting in settings:
        assert setting["asymmetry_low"] > 0, (setting["choice"], setting["setting"])


@memo("Since August 2020, Russia has been consistently providing political, media, and "
      "economic assistance needed to stabilize Lukashenko’s grip on power.")  # fmt: skip
def test_political_survival_is_critical_and_one_way(snap) -> None:
    r = bilateral.dependence(snap, "belarus", "russia", as_of="2020-09-30")
    political = row(r, "political")
    assert political.sensitivity == 1.0  # "needed": the top of the scale
    assert political.asymmetry > 0 and political.p_more_dependent > 0.5
    assert political.bandwidth > political.reverse_bandwidth


@memo("The domestic political crisis that followed the rigged presidential elections of 2020 "
      "weakened the Minsk regime and put Moscow in a highly advantageous position.")  # fmt: skip
def test_the_2020_crisis_shifted_leverage_to_moscow(snap) -> None:
    before = bilateral.dependence(snap, "belarus", "russia", as_of="2020-07-31")
    after = bilateral.dependence(snap, "belarus", "russia", as_of="2020-09-30")
    assert row(after, "political").sdi >= row(before, "political").sdi
    assert after.asymmetry > before.asymmetry


@memo("Russian top security officials helped to coordinate the regime’s responses, while "
      "police reinforcement was pledged if required.")  # fmt: skip
def test_security_reliance_runs_one_way(base) -> None:
    security = row(base, "security")
    assert security.asymmetry > 0 and security.p_more_dependent > 0.5
    # the joint security ties name no beneficiary: they make Russia depend on nothing
    assert security.reverse_sensitivity == 0.0 and security.reverse_bandwidth == 0.0


@memo("In the international arena, Moscow’s diplomatic endorsement helped Minsk avoid "
      "full-scale delegitimization.")  # fmt: skip
def test_minsk_relies_on_moscows_diplomatic_endorsement(base) -> None:
    diplomatic = row(base, "diplomatic")
    assert diplomatic.asymmetry > 0 and diplomatic.p_more_dependent > 0.5
    assert diplomatic.bandwidth > 0


@memo("His post-electoral delegitimization in the West deepens both Minsk’s geopolitical "
      "loyalty to Moscow and the securitization of Belarusian foreign policy.")  # fmt: skip
def test_western_delegitimization_is_no_alternative(snap, base) -> None:
    diplomatic = row(base, "diplomatic")
    alternatives = {e["statement"] for e in diplomatic.evidence if e["role"] == "alternative"}
    assert BID + "western-delegitimization" not in alternatives
    r = without(snap, "western-delegitimization")
    # "deepens": Minsk relies on Moscow's endorsement against the delegitimization
    # (bil:drivenBy), so without it that reliance goes and the index falls
    assert BID + "dep-diplomatic-endorsement" in r.removed
    assert row(r.after, "diplomatic").sdi < row(r.before, "diplomatic").sdi
    assert r.after.total < r.before.total


@memo("Western economic sanctions would continue to increase the regime’s dependence on Moscow.")
def test_sanctions_do_not_lower_dependence(snap, base) -> None:
    """Removing the sanctions must never raise Belarus's dependence (they are pressure,
    not an alternative supplier), and lowers its economic dependence: the sanctions are
    what the memo says increases it (bil:drivenBy)."""
    r = without(snap, "western-sanctions")
    for domain in ("economic", "trade", "TOTAL"):
        assert row(r.after, domain).sdi <= row(r.before, domain).sdi, domain
    assert BID + "dep-economic-sanctions" in r.removed
    assert row(r.after, "economic").sdi < row(r.before, "economic").sdi
    assert r.after.total < r.before.total
    assert row(r.after, "economic").sensitivity > 0  # the structural tie stays
    economic = row(base, "economic")
    assert economic.sensitivity == 0.75 and economic.asymmetry > 0


@memo("He continues to tie Belarus economically, politically, and ideologically to Russia, and "
      "this structural dependence will continue to grow if he stays at the helm.")  # fmt: skip
def test_structural_tie_economic_and_political(base) -> None:
    for domain in ("economic", "political"):
        d = row(base, domain)
        assert d.sensitivity > 0 and d.asymmetry > 0 and d.p_more_dependent > 0.5, domain
    assert row(base, "economic").reverse_sensitivity == 0.0  # no Russian reliance named


@memo("Similarly, Lukashenko’s stay in power is the best guarantee that Belarus will not turn "
      "to the West.", "Lukashenko has proven to be the best available promoter of Russian "
      "interests in the country.")  # fmt: skip
def test_removing_lukashenko(snap) -> None:
    """No sign for the political total (the memo names forces both ways), but Belarus's
    dependence does not rise where he kept it from turning West, and Russia loses its
    best available promoter."""
    r = without(snap, "lukashenko")
    for domain in ("diplomatic", "economic", "TOTAL"):
        assert row(r.after, domain).sdi <= row(r.before, domain).sdi, domain
    assert row(r.before, "political").reverse_sdi > 0
    assert row(r.after, "political").reverse_sdi < row(r.before, "political").reverse_sdi
    assert BID + "lukashenko-regime" in r.removed  # it exists only through him
    assert BID + "alt-west-ruled-out-by-mistrust" in r.removed  # his mistrust, while he stays


@memo("Obviously, for example, cutting off the transit flows between Russia and Europe, as "
      "Lukashenko threatened, will not be allowed.")  # fmt: skip
def test_russias_transit_reliance_is_weak(base) -> None:
    trade = row(base, "trade")
    assert trade.reverse_sensitivity <= 0.25
    assert base.summary.asymmetry > 0  # with the transit reliance counted


@memo("The intergovernmental agreement on exporting Belarusian oil products via Russian Baltic "
      "Sea ports remains the only tangible shift, but, arguably, this is rather a result of the "
      "deterioration in EU-Belarus relations.")  # fmt: skip
def test_oil_products_go_through_russian_ports(base) -> None:
    trade = row(base, "trade")
    assert trade.sensitivity > 0 and trade.asymmetry > 0
    # the agreement carries Belarusian exports: a flow to Belarus, none to Russia
    assert trade.bandwidth > 0 and trade.reverse_bandwidth == 0.0
    ev = {e["statement"] for e in trade.evidence}
    assert BID + "eu-belarus-deterioration" not in ev


@memo("After the Revolution, Russia has continued to offer Minsk enough—or, rather, just "
      "enough—to maintain the regime but did not go any further.")  # fmt: skip
def test_finance_flows_one_way_and_loans_count_once(snap, base) -> None:
    finance = row(base, "finance")
    assert finance.asymmetry > 0 and finance.p_more_dependent > 0.99
    assert finance.bandwidth > 0 and finance.reverse_bandwidth == 0.0
    from bilateral.graph.measures.evidence import gather

    flows = gather(snap.records, snap.actors, BID + "belarus", BID + "russia").flows
    finance_flows = set(flows[("a", "finance")])
    assert BID + "intergovernmental-loan" in finance_flows
    assert not {BID + "loan-2020-tranche-1", BID + "loan-2021-tranche-2"} & finance_flows


@memo("Old disagreements on fiscal issues as well as oil and gas pricing remain unresolved.")
def test_energy_sensitivity_and_no_policy_flows(snap, base) -> None:
    energy = row(base, "energy")
    assert energy.sensitivity > 0 and energy.asymmetry > 0
    from bilateral.graph.measures.evidence import gather

    flows = gather(snap.records, snap.actors, BID + "belarus", BID + "russia").flows
    assert BID + "russia-oil-tax-maneuver" not in flows[("a", "energy")]  # a cost, not a flow


@memo("A cleansing of the state bureaucracy from national-oriented actors along with waves of "
      "domestic repressions, which target civil society and media, not only limits the Western "
      "presence and clears space for Russian media and NGOs but also consolidates Russia’s "
      "linkages with the Belarusian elite and certain quarters of the population.")  # fmt: skip
def test_repression_never_counts_as_a_western_alternative(snap, base) -> None:
    assert row(base, "information").sensitivity > 0
    # "limits the Western presence": a limited alternative, named and not ruled out
    for domain in ("information", "political"):
        assert row(base, domain).substitutability == 0.25, domain
    r = without(snap, "domestic-repressions", "bureaucracy-cleansing")
    for domain in ("information", "political"):
        assert row(r.after, domain).sdi <= row(r.before, domain).sdi, domain
    # the limit is theirs: without them it is lifted, and the West offers at least as much
    assert BID + "alt-western-presence-limited" not in r.removed
    assert r.because[BID + "alt-western-presence-limited"].startswith("kept as a floor")


@memo("Neither has Russia used the Minsk regime’s weakness to take over its neighbor’s key "
      "economic assets.", "Meanwhile, Moscow apparently decided not to use subsidies as "
      "leverage.")  # fmt: skip
def test_what_did_not_happen_changes_nothing(snap, base) -> None:
    negative = [r.iri for r in snap.records if r.negative]
    assert len(negative) > 15
    r = bilateral.scenario(snap, None, remove=negative, dependent="belarus", provider="russia")
    assert r.after.table() == base.table()


@memo("Even if, conceivably, the issue is no longer a priority for Moscow, this continuity "
      "indicates that the Belarusian regime does not find its position vis-à-vis Moscow "
      "hopeless.", "This, however, does not mean that the Lukashenko regime has unlimited "
      "freedom of action.")  # fmt: skip
def test_dependent_but_not_totally(base) -> None:
    s = base.summary
    assert 0 < s.sdi_low and s.sdi_high < 1
    assert not all(d.sdi >= 0.875 for d in base.domains)


@memo("First, any change of leadership would naturally trigger a substantial revision of "
      "Belarus-Russia relations.")  # fmt: skip
def test_a_change_of_leadership_is_a_substantial_revision(snap, base) -> None:
    """ "Substantial": beyond the baseline's own uncertainty (no direction asserted)."""
    r = bilateral.scenario(snap, "scenario-leadership-change")
    half_width = (base.summary.sdi_high - base.summary.sdi_low) / 2
    change = abs(r.after.total - r.before.total) + abs(
        r.after.reverse_total - r.before.reverse_total
    )
    assert change > half_width


@memo("Admittedly, the end of the monopolistic system of power would make Russia’s "
      "interventions in Belarus’s domestic affairs easier, but this would also increase "
      "interest in a multi-vector foreign policy among Belarusian elites and society.")  # fmt: skip
def test_a_geopolitical_revolution_lowers_diplomatic_dependence(snap) -> None:
    r = bilateral.scenario(snap, "scenario-geopolitical-revolution")
    assert row(r.after, "diplomatic").sdi < row(r.before, "diplomatic").sdi


@memo("If the crisis between Belarus and the West seriously escalates as a result of Minsk’s "
      "actions, which would involve Russia in an open confrontation with the West, the Kremlin "
      "may suddenly withdraw support for Lukashenko, which would inevitably have implications "
      "for the whole model.")  # fmt: skip
def test_a_withdrawal_of_support_is_uncertain_and_cuts_the_flows(snap) -> None:
    r = bilateral.scenario(snap, "scenario-west-crisis-escalation")
    assert (r.hedge, r.likelihood) == ("may", 0.5)  # shown as the source's, never multiplied
    for domain in ("political", "information", "security", "diplomatic"):
        assert row(r.after, domain).bandwidth < row(r.before, domain).bandwidth, domain
    # withdrawing a flow is not removing the need for it: the memo gives the outcome no
    # direction, and the index (what the regime relies on Russia for) stays as it was
    total = r.dependence_table()[-1]
    assert total["change"] == total["change_low"] == total["change_high"] == 0.0
    assert r.after.summary.bandwidth < r.before.summary.bandwidth


@memo("Meanwhile, security and defense cooperation intensified but did not reach a "
      "qualitatively new level.", "At the same time, defense cooperation remains within an "
      "already existing framework.", "Belarus and Russia reached a high degree of strategic, "
      "operational, and tactical compatibility of their defense forces well before "
      "2020.")  # fmt: skip
def test_the_military_framework_predates_2020(snap) -> None:
    """Evidence in the military domain before 2020 as after, and no jump of more than one
    strength band (the memo says who depended on whom before 2020 in no direction, so no
    sign is asserted)."""
    y2019 = row(bilateral.dependence(snap, "belarus", "russia", from_year=2019, to_year=2019),
                "military")  # fmt: skip
    y2021 = row(bilateral.dependence(snap, "belarus", "russia", from_year=2021, to_year=2021),
                "military")  # fmt: skip
    assert y2019.sensitivity > 0 and y2021.sensitivity > 0
    assert abs(y2021.sensitivity - y2019.sensitivity) <= 0.25
    assert abs(y2021.reverse_sensitivity - y2019.reverse_sensitivity) <= 0.25


@memo("In July 2021, another loan was agreed to compensate for Russia’s tax maneuver in the "
      "oil industry.")  # fmt: skip
def test_the_july_2021_loan_compensates_for_the_tax_maneuver(snap) -> None:
    """The loan exists because of the maneuver (bil:drivenBy); the maneuver itself is a cost
    to Belarus in energy, which it feels (sensitivity), not a flow."""
    energy = row(bilateral.dependence(snap, "belarus", "russia", as_of="2021-07-31"), "energy")
    assert energy.sensitivity > 0
    r = without(snap, "russia-oil-tax-maneuver")
    assert BID + "loan-2021-tax-maneuver" in r.removed
    for domain in ("finance", "energy"):
        assert row(r.after, domain).bandwidth < row(r.before, domain).bandwidth, domain
        assert row(r.after, domain).sdi == row(r.before, domain).sdi, domain


@memo("Second, the Belarusian crisis remains instrumental for the Kremlin.", "Externally, the "
      "West’s inability to influence the behavior of the Lukashenko regime works for the "
      "Kremlin’s international status as this helps both to claim an implicit Western "
      "recognition of Moscow’s sphere of influence and to emphasize Russia’s resolve and "
      "commitment to its allies.")  # fmt: skip
def test_the_belarusian_crisis_is_instrumental_for_the_kremlin(snap) -> None:
    """Russia draws an internal (information) and external (diplomatic) benefit from the
    crisis: there once the crisis is, not before it, and gone without it. The memo never
    compares it with Minsk's reliance, so no asymmetry is asserted here."""
    before = bilateral.dependence(snap, "belarus", "russia", as_of="2020-07-31")
    after = bilateral.dependence(snap, "belarus", "russia", as_of="2021-06-30")
    r = without(snap, "domestic-political-crisis-2020")
    assert BID + "dep-russia-instrumental-crisis" in r.removed
    for domain in ("information", "diplomatic"):
        assert row(after, domain).reverse_sensitivity > 0, domain
        assert row(before, domain).reverse_sensitivity == 0.0, domain
        assert row(r.after, domain).reverse_sdi < row(r.before, domain).reverse_sdi, domain


@memo("Rather, it has consolidated the old model, which predominantly rests on the proximity "
      "of the two regimes and the belief systems of Putin and Lukashenko personally.",
      "The Belarusian Revolution has not shaken Belarus-Russia relations.", "On the one hand, "
      "the existing model satisfies Moscow as it allows Russia’s structural influence in "
      "Belarus to continue rising.")  # fmt: skip
def test_the_revolution_consolidated_the_old_model(snap) -> None:
    """An old model: Belarus depended on Russia before the revolution; consolidated, not
    shaken: no less after it, and Russia's structural influence (the asymmetry) no lower."""
    before = bilateral.dependence(snap, "belarus", "russia", as_of="2019-06-30")
    after = bilateral.dependence(snap, "belarus", "russia", as_of="2021-06-30")
    assert before.total > 0 and before.summary.sdi_low > 0
    assert after.total >= before.total
    assert after.asymmetry >= before.asymmetry


@memo("At the same time, reportedly, Russian intermediaries are helping their Belarusian "
      "counterparts bypass EU economic sanctions.")  # fmt: skip
def test_help_to_bypass_the_sanctions_is_a_hedged_flow_that_needs_them(snap, base) -> None:
    """A Russian flow to Belarus counted with its confidence ("reportedly"), not an
    alternative to Russia; it exists only while there are sanctions to bypass."""
    from bilateral.graph.measures.evidence import gather

    flows = gather(snap.records, snap.actors, BID + "belarus", BID + "russia").flows
    assert flows[("a", "trade")][BID + "sanctions-bypass-help"] == 0.5
    trade = row(base, "trade")
    assert BID + "sanctions-bypass-help" not in {
        e["statement"] for e in trade.evidence if e["role"] == "alternative"
    }
    r = without(snap, "western-sanctions")
    assert BID + "sanctions-bypass-help" in r.removed
    assert row(r.after, "trade").bandwidth < row(r.before, "trade").bandwidth


#: the transgovernmental channels the memo names (Keohane & Nye's sub-units of
#: governments dealing directly with each other), and the memo's one mention of a pair of
#: third states
CHANNELS = (
    "belarusian-ministry-of-interior", "rosgvardia", "belarusian-security-agencies",
    "russian-security-agencies",
)  # fmt: skip
CHURCHES = ("russian-orthodox-church", "belarusian-orthodox-church")
THIRD = ("armenia", "azerbaijan")


@memo("A new agreement between the Belarusian Ministry of Interior and Rosgvardia now allows "
      "the parties to carry out a wide range of law-enforcement operations on each other’s "
      "territory.", "The security and intelligence agencies increased the exchange of "
      "information and coordination of their activities.", "The conflict between Armenia "
      "and Azerbaijan is de-frozen and requires permanent involvement.")  # fmt: skip
def test_transgovernmental_channels_rank_in_the_relationship(snap) -> None:
    """In `bilateral centrality --top 30`, the interior ministry, Rosgvardia and both
    countries' security agencies are ranked, above 0, and above Armenia and Azerbaijan:
    channels of the Belarus-Russia relationship (their agreements are ties between the
    two states, through them), not peripheral actors; the one mention of a conflict in
    the Caucasus does not outrank them."""
    top = bilateral.centrality(snap, top=30)  # what the command prints (a CLI test: the same)
    ranked = list(top["iri"])
    score = dict(zip(top["iri"], top["eigenvector"], strict=True))
    full = bilateral.centrality(snap, measure="eigenvector").set_index("iri")["eigenvector"]
    for slug in CHANNELS:
        assert BID + slug in ranked, slug  # in the top 30
        assert score[BID + slug] > 0, slug
        for third in THIRD:
            assert full[BID + slug] > full[BID + third] > 0, (slug, third)
    assert not {BID + t for t in THIRD} & set(ranked)
    assert set(ranked[:2]) == {BID + "belarus", BID + "russia"}  # the dyad leads
    # no one-mention actor without a state outranks any institution of either state
    table = bilateral.centrality(snap).set_index("iri")
    dyad = {BID + "belarus", BID + "russia"}
    organs = [
        a for a in table.index
        if a in snap.actors and snap.actors[a].country in dyad
        and {"GovernmentBody", "ArmedForces"} & snap.actors[a].classes
    ]  # fmt: skip
    peripheral = [
        a for a in table.index
        if table.loc[a, "degree"] == 1 and a not in dyad
        and (a not in snap.actors or snap.actors[a].country is None)
    ]  # fmt: skip
    assert len(organs) == 10 and BID + "armenia" in peripheral
    lowest = min(table.loc[organs, "eigenvector"])
    assert lowest > max(table.loc[peripheral, "eigenvector"])


@memo("The Russian Orthodox Church approved the purges of opposition-minded figures in the "
      "leadership of the Belarusian Orthodox Church.")  # fmt: skip
def test_the_churches_channel_scores_but_does_not_lead(snap) -> None:
    """The churches' tie (a transnational channel: churches are not governments) scores
    above 0, as the agencies do, on every backend in the same order, and stays below the
    dyad's leaders: the state ties give the channels a place in the relationship, not a
    lead."""
    from bilateral.graph.measures.centrality import Ranking, started

    tables = [
        started(snap, Ranking("eigenvector", dyad=["belarus", "russia"]), backend=b).result()
        for b in ("networkx", "igraph")
    ]
    assert list(tables[0]["iri"]) == list(tables[1]["iri"])  # the same ranking
    df = tables[0].set_index("iri")
    leaders = df["eigenvector"].iloc[3]  # the dyad, the regime, Lukashenko
    for slug in (*CHURCHES, *CHANNELS):
        assert 0 < df.loc[BID + slug, "eigenvector"] < leaders, slug
        assert df.loc[BID + slug, "dyad_part"], slug


def test_every_cited_sentence_is_in_the_memo() -> None:
    text = memo_text()
    from bilateral.graph.checks.quotes import normalise

    assert len(CITED) >= 25
    for name, sentences in CITED.items():
        for sentence in sentences:
            assert normalise(sentence) in text, f"{name}: not verbatim in the memo: {sentence}"
