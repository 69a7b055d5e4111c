-- Licensed content (gateway/src/licensing): the content keys the gateway releases to licensees, sealed
-- under the gateway's master key, and the nonces of signed requests already served (replays refused).
CREATE TABLE content_keys (
  -- 32-byte 0x hex, lower case, as the other tables keep model ids.
  model_id text PRIMARY KEY,
  -- base64url of nonce (12) ‖ AES-256-GCM(master key, content key, aad = model id) ‖ tag (16).
  sealed_key text NOT NULL,
  depositor text NOT NULL,
  commercial_only boolean NOT NULL DEFAULT false,
  deposited_at bigint NOT NULL
);

CREATE TABLE request_nonces (
  signer text NOT NULL,
  nonce text NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (signer, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at);
