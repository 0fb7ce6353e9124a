"""The signed call state in the action URLs: itsdangerous's URL-safe serializer, with its per-call overheads
taken off a webhook's path. The tokens are byte for byte what URLSafeSerializer makes with the same secret
and salt (the tests compare them), and either reads the other's.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import zlib

from itsdangerous import Serializer, URLSafeSerializer
from itsdangerous.encoding import base64_encode, want_bytes
from itsdangerous.signer import HMACAlgorithm, Signer


class _CompactJSON:
    """itsdangerous's compact JSON (no spaces, UTF-8 kept) from one encoder: json.dumps with arguments of its
    own builds a new JSONEncoder on every call."""

    _encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def dumps(cls, obj) -> str:
        return cls._encoder.encode(obj)

    @staticmethod
    def loads(payload: str | bytes):
        return json.loads(payload)


class _KeyedHMAC(HMACAlgorithm):
    """The same HMAC-SHA1, from an hmac object keyed once per key and copied for each value: keying it (the
    padded key hashed twice) costs as much as the rest of a signature. (hmac.digest, OpenSSL's one-shot, is
    no faster with OpenSSL 3, which looks the digest up again on every call.)"""

    def __init__(self):
        super().__init__(hashlib.sha1)
        self._keyed: dict[bytes, hmac.HMAC] = {}  # the service's derived key, and any fallback key

    def get_signature(self, key: bytes, value: bytes) -> bytes:
        keyed = self._keyed.get(key)
        if keyed is None:
            keyed = self._keyed[key] = hmac.new(key, digestmod=self.digest_method)
        mac = keyed.copy()
        mac.update(value)
        return mac.digest()


class _KeyedSigner(Signer):
    """A Signer that derives its key from the secret once (itsdangerous hashes salt and secret again for
    every signature and every check)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._derived: dict[bytes, bytes] = {}

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        cache_key = self.secret_keys[-1] if secret_key is None else secret_key
        key = self._derived.get(cache_key)  # type: ignore[arg-type]
        if key is None:
            key = self._derived[cache_key] = super().derive_key(secret_key)  # type: ignore[index]
        return key


class StateTokens(URLSafeSerializer):
    """A call's state, signed, for the action URLs. Most states are a hundred bytes of JSON: deflating them
    saves a few characters and costs a webhook more than its own routing, so only longer ones are deflated
    (reading accepts both, as itsdangerous marks a deflated payload)."""

    DEFLATE_FROM = 400  # bytes of JSON

    def __init__(self, secret_key: str | bytes, salt: str | bytes):
        super().__init__(secret_key, salt=salt, serializer=_CompactJSON, signer=_KeyedSigner,
                         signer_kwargs={"algorithm": _KeyedHMAC()})
        self._signer = super().make_signer(self.salt)

    def make_signer(self, salt: str | bytes | None = None) -> Signer:
        """One signer for the service's salt, made once: it holds nothing that changes between calls."""
        if salt is None or salt == self.salt:
            return self._signer
        return super().make_signer(salt)

    def dumps(self, obj, salt: str | bytes | None = None) -> str:
        """Serializer.dumps with its one signer."""
        if salt is None or salt == self.salt:
            return self._signer.sign(self.dump_payload(obj)).decode("utf-8")
        return super().dumps(obj, salt)

    def loads(self, s: str | bytes, salt: str | bytes | None = None, **kwargs):
        """Serializer.loads with its one signer: no generator of fallback signers to try in turn."""
        if (salt is None or salt == self.salt) and not self.fallback_signers and not kwargs:
            return self.load_payload(self._signer.unsign(want_bytes(s)))
        return super().loads(s, salt, **kwargs)

    def dump_payload(self, obj) -> bytes:
        """The mixin's payload (base64 of the JSON, or '.' and base64 of the deflated JSON when that is
        shorter) from one JSON encoding, deflate tried only from DEFLATE_FROM bytes on."""
        json_bytes = Serializer.dump_payload(self, obj)
        if len(json_bytes) >= self.DEFLATE_FROM:
            compressed = zlib.compress(json_bytes)
            if len(compressed) < len(json_bytes) - 1:
                return b"." + base64_encode(compressed)
        return base64_encode(json_bytes)
