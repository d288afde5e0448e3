"""The canonical actor and a mention of one in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from kb.model import ActorRef

#: Namespace of actor IRIs; an actor's IRI is this plus its key.
ACTOR_NS = "https://w3id.org/kb/id/actor/"
#: Key of the one actor every unidentified mention resolves to.
UNIDENTIFIED_KEY = "unidentified"


@dataclass(frozen=True)
class CanonicalActor:
    """One actor as the knowledge base knows it, whatever the article called it.

    Attributes:
        key: lowercase ascii slug; ``x-...`` for actors minted from an unknown name,
            ``person-<group>-<role>`` for people known only by their role.
        label: the preferred name.
        kind: one of :data:`kb.actors.KINDS`.
        country: ISO 3166-1 alpha-2 code, where the actor belongs to one country.
        aliases: other names, preferred label excluded.
        parent: for a sub-unit the key of the body it belongs to; for a person the key of
            the group or government they act for (their affiliation).
    """

    key: str
    label: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None

    @property
    def iri(self) -> str:
        """The actor's IRI, ``https://w3id.org/kb/id/actor/<key>``."""
        return ACTOR_NS + self.key

    @property
    def affiliation(self) -> str | None:
        """For a person, the key of the body they act for; None for anything else."""
        return self.parent if self.kind == "person" else None

    @property
    def minted(self) -> bool:
        """Whether the actor was made up from an unknown name rather than curated."""
        return self.key.startswith(("x-", "person-"))


@dataclass
class ActorMatch:
    """A mention of an actor in a text, with character offsets into that text.

    Attributes:
        start: offset of the first character of the mention.
        end: offset after its last character.
        text: the mention as written (``text[start:end]`` of the scanned text).
        actor: the canonical actor it resolves to.
        unidentified: True for an unnamed perpetrator ("unknown gunmen", "a drone of
            unknown origin"); such a mention must never be merged with a named actor.
        person_role: for a person named by role ("a senior ISIS leader"), the role
            ("leader", "deputy leader"); for a named person with a title, the title.
    """

    start: int
    end: int
    text: str
    actor: CanonicalActor
    unidentified: bool = False
    person_role: str | None = None

    def to_ref(self, role: str = "agent") -> ActorRef:
        """Return the mention as an :class:`kb.model.ActorRef` for an event.

        Args:
            role: the actor's role in the event (agent, target or participant).
        """
        actor = self.actor
        return ActorRef(
            id=actor.key,
            name=actor.label,
            role=role,
            kind=actor.kind,
            country=actor.country,
            text=self.text,
            affiliation=actor.affiliation,
            unidentified=self.unidentified,
        )
