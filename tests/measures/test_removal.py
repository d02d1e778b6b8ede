"""What a scenario removes: the statement whose only agent goes, bodies that exist only
through a removed actor, statements driven by removed ones."""

from __future__ import annotations

from bilateral.graph.measures.records import Record
from bilateral.graph.measures.removal import apply


def rec(iri: str, kind: str = "Statement", **roles: tuple[str, ...]) -> Record:
    return Record(iri, iri, (kind,), dict(roles), classes=frozenset({kind}))


def test_a_statement_goes_with_its_only_agent() -> None:
    speech = rec("speech", "Speech", agent=("leader",))
    joint = rec("joint", "Speech", agent=("leader", "deputy"))
    out = apply(["leader"], {}, [speech, joint], {"leader", "deputy"})
    assert [r.iri for r in out.records] == ["joint"]
    assert out.records[0].roles["agent"] == ("deputy",)
    assert out.statements == {"speech"}


def test_a_dependency_goes_with_its_only_dependent_or_provider() -> None:
    dep = rec("dep", "Dependency", dependent=("regime",), provider=("state",))
    assert apply(["regime"], {}, [dep], {"regime", "state"}).records == []
    assert apply(["state"], {}, [dep], {"regime", "state"}).records == []


def test_an_agreement_needs_two_parties() -> None:
    deal = rec("deal", "Agreement", party=("a", "b", "c"))
    assert len(apply(["a"], {}, [deal], {"a", "b", "c"}).records) == 1
    assert apply(["a", "b"], {}, [deal], {"a", "b", "c"}).records == []


def test_bodies_that_exist_only_through_an_actor_go_with_it() -> None:
    tie = Record("tie", "tie", ("Control",), {"controller": ("leader",), "controlled": ("regime",)},
                 classes=frozenset({"Control"}), existential=True)  # fmt: skip
    loose = Record("loose", "loose", ("Control",),
                   {"controller": ("firm",), "controlled": ("bank",)},
                   classes=frozenset({"Control"}))  # fmt: skip
    dep = rec("dep", "Dependency", dependent=("regime",), provider=("patron",))
    bank_dep = rec("bank-dep", "Dependency", dependent=("bank",), provider=("patron",))
    actors = {"leader", "regime", "patron", "firm", "bank"}
    out = apply(["leader"], {}, [tie, loose, dep, bank_dep], actors)
    assert out.actors == {"leader", "regime"}
    assert sorted(r.iri for r in out.records) == ["bank-dep", "loose"]
    # a non-existential control does not cascade
    assert {r.iri for r in apply(["firm"], {}, [loose, bank_dep], actors).records} == {"bank-dep"}
    # removing the tie itself removes nobody
    assert apply(["tie"], {}, [tie, dep], actors).actors == set()


def test_statements_driven_by_removed_ones_go_too() -> None:
    sanctions = rec("sanctions", "Pressure", agent=("west",), target=("regime",))
    dep = Record("dep", "dep", ("Dependency",), {"dependent": ("regime",), "provider": ("patron",)},
                 classes=frozenset({"Dependency"}), driven_by=("sanctions",))  # fmt: skip
    out = apply(["sanctions"], {}, [sanctions, dep], {"west", "regime", "patron"})
    assert out.records == [] and out.statements == {"sanctions", "dep"}


def test_weakening_multiplies() -> None:
    dep = rec("dep", "Dependency", dependent=("a",), provider=("b",))
    assert apply([], {"dep": 0.5}, [dep], {"a", "b"}).records[0].weight_factor == 0.5


def test_a_tie_between_parties_counts_participants_across_roles() -> None:
    # parties a and b, b also the beneficiary: without a, only b is left
    deal = rec("deal", "Agreement", party=("a", "b"), beneficiary=("b",))
    assert apply(["a"], {}, [deal], {"a", "b"}).records == []
    # a third party keeps it a tie
    wide = rec("wide", "Agreement", party=("a", "b", "c"), beneficiary=("b",))
    assert [r.iri for r in apply(["a"], {}, [wide], {"a", "b", "c"}).records] == ["wide"]


def test_cascades_follow_chains_to_the_end() -> None:
    # leader -> regime (existential) -> a dependency of the regime -> a statement driven by it
    tie = Record("tie", "tie", ("Control",), {"controller": ("leader",), "controlled": ("regime",)},
                 classes=frozenset({"Control"}), existential=True)  # fmt: skip
    dep = rec("dep", "Dependency", dependent=("regime",), provider=("patron",))
    loan = Record("loan", "loan", ("Loan",), {"creditor": ("patron",), "debtor": ("state",)},
                  classes=frozenset({"Loan"}), driven_by=("dep",))  # fmt: skip
    other = rec("other", "Speech", agent=("patron",))
    out = apply(["leader"], {}, [loan, other, dep, tie], {"leader", "regime", "patron", "state"})
    assert [r.iri for r in out.records] == ["other"]
    assert out.statements == {"tie", "dep", "loan"} and out.actors == {"leader", "regime"}
