"""Who can read a file: the exposure of a finding.

A password file readable by Everyone on a share is an incident; the same file in the IT admins' folder is a
hygiene problem. Each finding's file gets an exposure level from its permissions, read only for files with
findings (it costs a round trip on SMB):

- ``everyone``: anyone, guests and anonymous users included (Windows: Everyone, Anonymous, Guests;
  Linux: the "other" read bit);
- ``all-users``: every authenticated or domain user (Authenticated Users, Domain Users, BUILTIN\\Users;
  Linux: the ``users`` group);
- ``group``: one or more specific groups, or principals whose kind is unknown (counted as groups);
- ``owner``: only specific users (the owner and named users) besides administrators and the system;
- ``unknown``: the permissions could not be read.

Administrators, SYSTEM, backup operators and root are not counted: they can read everything anyway. On SMB a
file is readable by whom both its DACL and its share's permissions let read (see smb_exposure).
"""

from __future__ import annotations

import os
import re
import stat
import struct
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

LEVELS = ("everyone", "all-users", "group", "owner", "unknown")
LEVEL_WEIGHT = {"everyone": 4, "all-users": 3, "group": 2, "unknown": 2, "owner": 1}
"""How much wider than its owner a file is readable; risk = severity weight x this."""

MAX_READERS = 20
"""Principals listed per finding (the level is decided from all of them)."""


@dataclass(frozen=True, slots=True)
class Exposure:
    level: str
    readers: tuple[str, ...] = ()
    share_acl: str | None = None
    """SMB only: "applied" (the share's permissions narrowed the file's) or "unknown" (they could not be
    read: the file's DACL alone decided). None for local files."""

    def to_dict(self) -> dict[str, object]:
        record: dict[str, object] = {"level": self.level, "readers": list(self.readers)}
        if self.share_acl is not None:
            record["share_acl"] = self.share_acl
        return record


UNKNOWN = Exposure("unknown")

# ---------------------------------------------------------------------------
# Windows / SMB: SIDs of an NT security descriptor's DACL
# ---------------------------------------------------------------------------

_WELL_KNOWN: dict[str, tuple[str, str]] = {
    "S-1-1-0": ("Everyone", "everyone"),
    "S-1-5-7": ("ANONYMOUS LOGON", "everyone"),
    "S-1-5-32-546": ("BUILTIN\\Guests", "everyone"),
    "S-1-5-11": ("Authenticated Users", "all-users"),
    "S-1-5-32-545": ("BUILTIN\\Users", "all-users"),
    "S-1-5-4": ("INTERACTIVE", "all-users"),
    "S-1-5-2": ("NETWORK", "all-users"),
    "S-1-5-18": ("SYSTEM", "admin"),
    "S-1-5-32-544": ("BUILTIN\\Administrators", "admin"),
    "S-1-5-32-551": ("BUILTIN\\Backup Operators", "admin"),
    "S-1-3-0": ("CREATOR OWNER", "admin"),
    "S-1-22-1-0": ("Unix User\\root", "admin"),  # Samba's SID for root, as locally
}
_DOMAIN_RIDS: dict[int, tuple[str, str]] = {
    501: ("Guest", "everyone"),
    514: ("Domain Guests", "everyone"),
    513: ("Domain Users", "all-users"),
    515: ("Domain Computers", "all-users"),
    500: ("Administrator", "admin"),
    512: ("Domain Admins", "admin"),
    518: ("Schema Admins", "admin"),
    519: ("Enterprise Admins", "admin"),
}
_DOMAIN_SID = re.compile(r"S-1-5-21-\d+-\d+-\d+-(\d+)$")
_READ_BITS = 0x1 | 0x80000000 | 0x10000000
"""FILE_READ_DATA, GENERIC_READ, GENERIC_ALL: an ACE with any of these lets its trustee read the content."""
_ACCESS_ALLOWED, _ACCESS_DENIED = 0, 1


def sid_kind(
    sid: str,
    owner: str | None = None,
    names: Mapping[str, str] | None = None,
    users: AbstractSet[str] = frozenset(),
) -> tuple[str, str]:
    """(display name, kind) of a SID; kind is everyone, all-users, admin, user or group. ``names`` are the
    server's names for SIDs (LSA lookup), shown instead of the SID where known; ``users`` the SIDs it says
    are single accounts (the owner is one too)."""
    known = (names or {}).get(sid)
    if sid in _WELL_KNOWN:
        return known or _WELL_KNOWN[sid][0], _WELL_KNOWN[sid][1]
    domain = _DOMAIN_SID.match(sid)
    if domain and int(domain.group(1)) in _DOMAIN_RIDS:
        name, kind = _DOMAIN_RIDS[int(domain.group(1))]
        return known or f"{name} ({sid})", kind
    if sid == owner or sid in users or sid.startswith("S-1-22-1-"):  # an account; Samba's "Unix User\uid"
        return known or sid, "user"
    return known or sid, "group"  # a domain principal of unknown kind: counted as the wider of the two


@dataclass(frozen=True, slots=True)
class Descriptor:
    """What decides who can read, from a self-relative NT security descriptor: the owner and the DACL."""

    owner: str | None
    aces: tuple[tuple[int, int, str], ...] | None
    """(ACE type, access mask, trustee SID) in order; None for a NULL DACL (it grants everyone everything)."""

    def sids(self) -> list[str]:
        """The owner and every trustee, once each (for one name lookup)."""
        trustees = [sid for _, _, sid in self.aces or ()]
        return list(dict.fromkeys([self.owner, *trustees] if self.owner else trustees))


_DACL_PRESENT = 0x0004
_INHERIT_ONLY = 0x08
_HEADER = 20


def parse_descriptor(data: bytes) -> Descriptor | None:
    """Owner and DACL of a self-relative SECURITY_DESCRIPTOR (a file's or a share's), read with smbprotocol;
    None when malformed: a hostile server's answer makes the exposure "unknown", never a crash."""
    from smbprotocol.security_descriptor import SMB2CreateSDBuffer

    if len(data) < _HEADER:
        return None
    control, owner_at, _, _, dacl_at = struct.unpack_from("<HIIII", data, 2)
    if any(offset and not _HEADER <= offset < len(data) for offset in (owner_at, dacl_at)):
        return None  # smbprotocol would read the header, or nothing, as a SID or an ACL
    try:
        buffer = SMB2CreateSDBuffer()
        buffer.unpack(data)
        owner_sid = buffer.get_owner()
        # no DACL, or one marked present at offset 0 (a NULL DACL): everyone has every right
        dacl = buffer.get_dacl() if control & _DACL_PRESENT and dacl_at else None
        aces = (
            None
            if dacl is None
            else tuple(
                (int(a["ace_type"].get_value()), int(a["mask"].get_value()), str(a["sid"].get_value()))
                for a in dacl["aces"].get_value()
                if not int(a["ace_flags"].get_value()) & _INHERIT_ONLY  # for children, not this object
            )
        )
    except Exception:  # malformed, or an ACE type smbprotocol leaves as bytes (conditional, object ACEs)
        return None
    return Descriptor(str(owner_sid) if owner_sid is not None else None, aces)


@dataclass(frozen=True, slots=True)
class _Reader:
    sid: str
    name: str
    kind: str
    width: int
    """How wide the principal is: Everyone 5, other "everyone" kinds 4, all-users 3, groups 2, users 1."""


_WIDTH = {"everyone": 4, "all-users": 3, "group": 2, "user": 1}
_EVERYONE = "S-1-1-0"
_NO_DACL = "(no DACL)"


def _readers(
    descriptor: Descriptor, owner: str | None, names: Mapping[str, str], users: AbstractSet[str]
) -> list[_Reader]:
    """Who a DACL lets read content (administrators left out: they can read everything anyway)."""
    if descriptor.aces is None:
        return [_Reader(_NO_DACL, "Everyone (no DACL)", "everyone", _WIDTH["everyone"] + 1)]
    denied: set[str] = set()
    readers: dict[str, _Reader] = {}
    for ace_type, mask, sid in descriptor.aces:
        if not mask & _READ_BITS:
            continue
        if ace_type == _ACCESS_DENIED:
            denied.add(sid)  # canonical order puts denials first: a later grant does not undo them
        elif ace_type == _ACCESS_ALLOWED and sid not in denied and sid not in readers:
            name, kind = sid_kind(sid, owner, names, users)
            if kind != "admin":
                readers[sid] = _Reader(sid, name, kind, _WIDTH[kind] + (sid == _EVERYONE))
    return list(readers.values())


def smb_exposure(
    file: Descriptor | None,
    share: Descriptor | None,
    names: Mapping[str, str] | None = None,
    users: AbstractSet[str] = frozenset(),
) -> Exposure:
    """Who can read a file on a share: the narrower of what the share's permissions and the file's DACL allow.

    A user reads the file only if both let them. Each pair (share principal s, file principal f) lets at
    most the narrower of the two read: Everyone ∩ f = f, Domain Users ∩ Everyone = Domain Users, and where
    membership would decide (share grants group G, file grants user U: U reads only if U is in G) the
    narrower one is assumed to be inside the wider one — U is listed, never nobody (conservative: group
    memberships are not looked up). Equally wide but different principals (two groups) list the file's.
    ``names`` and ``users`` come from the server's LSA (a domain SID it does not call a user counts as a
    group). With ``share`` None (its permissions could not be read) the file's DACL alone decides, and the
    exposure says ``share_acl: unknown``.
    """
    if file is None:
        return UNKNOWN
    shown = names or {}
    file_readers = _readers(file, file.owner, shown, users)
    if share is None:
        return _classify(((r.name, r.kind) for r in file_readers), share_acl="unknown")
    share_readers = _readers(share, file.owner, shown, users)
    widest_share = max((r.width for r in share_readers), default=0)
    widest_file = max((r.width for r in file_readers), default=0)
    both = {r.sid: r for r in share_readers if r.width < widest_file}
    both |= {r.sid: r for r in file_readers if r.width <= widest_share}
    return _classify(((r.name, r.kind) for r in both.values()), share_acl="applied")


def _classify(readers: Iterable[tuple[str, str]], share_acl: str | None = None) -> Exposure:
    """The widest kind among the readers decides the level; users alone make it "owner"."""
    listed = sorted(readers, key=lambda reader: _KIND_ORDER.index(reader[1]))
    kinds = {kind for _, kind in listed}
    level = next((kind for kind in ("everyone", "all-users", "group") if kind in kinds), "owner")
    return Exposure(level, tuple(name for name, _ in listed[:MAX_READERS]), share_acl)


_KIND_ORDER = ("everyone", "all-users", "group", "user", "admin")


# ---------------------------------------------------------------------------
# Linux: mode bits and POSIX ACLs
# ---------------------------------------------------------------------------

_ACL_XATTR = "system.posix_acl_access"
_ACL_USER_OBJ, _ACL_USER, _ACL_GROUP_OBJ, _ACL_GROUP, _ACL_MASK, _ACL_OTHER = 0x1, 0x2, 0x4, 0x8, 0x10, 0x20
_ALL_USERS_GROUPS = frozenset({"users", "domain users"})
"""Groups every account of the host (or domain, through winbind) belongs to."""


def local_exposure(path: str) -> Exposure:
    """The exposure of a local file from its mode bits and POSIX ACL (not following a final symlink).
    root is an administrator and not counted; on systems without POSIX permissions it is unknown."""
    if os.name != "posix":
        return UNKNOWN
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return UNKNOWN
    try:
        acl = os.getxattr(path, _ACL_XATTR, follow_symlinks=False)
    except OSError:
        acl = b""  # no ACL (or no xattr support): the mode bits are the whole story
    entries = parse_posix_acl(acl) if acl else []
    if not entries:
        mode = stat.S_IMODE(st.st_mode)
        entries = [
            (_ACL_USER_OBJ, mode >> 6 & 7, -1),
            (_ACL_GROUP_OBJ, mode >> 3 & 7, -1),
            (_ACL_OTHER, mode & 7, -1),
        ]
    mask = next((perm for tag, perm, _ in entries if tag == _ACL_MASK), 7)
    readers: list[tuple[str, str]] = []
    for tag, perm, ident in entries:
        # the mask limits named users and all groups; the owner and "other" are not masked
        effective = perm if tag in (_ACL_USER_OBJ, _ACL_OTHER) else perm & mask
        if tag == _ACL_MASK or not effective & 4:
            continue
        if tag == _ACL_OTHER:
            readers.append(("everyone (other)", "everyone"))
        elif tag in (_ACL_USER_OBJ, _ACL_USER):
            uid = st.st_uid if tag == _ACL_USER_OBJ else ident
            if uid != 0:
                readers.append((_user(uid) + (" (owner)" if tag == _ACL_USER_OBJ else ""), "user"))
        else:
            group = _group(st.st_gid if tag == _ACL_GROUP_OBJ else ident)
            readers.append((f"group {group}", "all-users" if group.lower() in _ALL_USERS_GROUPS else "group"))
    return _classify(readers)


def parse_posix_acl(data: bytes) -> list[tuple[int, int, int]]:
    """(tag, permission bits, uid/gid) entries of a system.posix_acl_access value; [] if malformed."""
    if len(data) < 4 or struct.unpack_from("<I", data)[0] != 2 or (len(data) - 4) % 8:
        return []
    return [struct.unpack_from("<HHI", data, offset) for offset in range(4, len(data), 8)]


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return str(uid)


def _group(gid: int) -> str:
    import grp

    try:
        return grp.getgrgid(gid).gr_name
    except (KeyError, OverflowError):
        return str(gid)
