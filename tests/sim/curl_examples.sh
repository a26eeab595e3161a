#!/usr/bin/env bash
# The curl examples of docs/sim.md, run unchanged against a base URL.
# Usage: curl_examples.sh BASE_URL API_KEY   (e.g. http://127.0.0.1:8080/api/ext)
# The simulator must run with --clock 2027-03-01 (the example dates are fixed).
# Exits non-zero, naming the example, when one does not answer as documented.
set -euo pipefail
TOKPORTAL_BASE="$1"
TOKPORTAL_API_KEY="$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

expect() {  # expect NAME STATUS: checks the last example's HTTP status
  if [ "$status" != "$2" ]; then
    echo "example '$1': expected HTTP $2, got $status: $(cat "$out")" >&2
    exit 1
  fi
  echo "ok: $1 ($status)"
}

# --- Example 1: create a bundle (one TikTok account in the US with 3 video slots)
status=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$TOKPORTAL_BASE/bundles" \
  -H "X-API-Key: $TOKPORTAL_API_KEY" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: ugc-wave-1-create-US-tiktok-1" \
  -d '{
    "bundle_type": "account_and_videos",
    "platform": "tiktok",
    "country": "US",
    "videos_quantity": 3,
    "title": "UGC Wave 1 - US TikTok 1",
    "external_ref": "ugc-wave-1-US-tiktok-1"
  }')
expect "create bundle" 201
BUNDLE_ID=$(grep -o '"bundle_id":"[0-9a-f-]*"' "$out" | head -1 | cut -d'"' -f4)
grep -q '"credits_charged":38' "$out" || { echo "create bundle: credits_charged is not 38: $(cat "$out")" >&2; exit 1; }

# --- Example 2: configure the account profile
status=$(curl -sS -o "$out" -w '%{http_code}' -X PUT "$TOKPORTAL_BASE/bundles/$BUNDLE_ID/account" \
  -H "X-API-Key: $TOKPORTAL_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "username": "glowlab.us1",
    "visible_name": "Glow Lab",
    "biography": "Honest reviews from real customers",
    "profile_picture_url": "profile-pictures/glowlab.png"
  }')
expect "configure account" 200

# --- Example 3: batch-configure the videos and publish in the same call
status=$(curl -sS -o "$out" -w '%{http_code}' -X PUT "$TOKPORTAL_BASE/bundles/$BUNDLE_ID/videos/batch" \
  -H "X-API-Key: $TOKPORTAL_API_KEY" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: ugc-wave-1-videos-US-tiktok-1" \
  -d '{
    "auto_publish": true,
    "videos": [
      {"position": 1, "video_type": "video", "target_publish_date": "2027-03-05",
       "description": "Creator review: first week with the product #review #ad",
       "video_url": "https://cdn.example.com/ugc/creator-01.mp4", "external_ref": "ugc-wave-1-review-US-tiktok"},
      {"position": 2, "video_type": "video", "target_publish_date": "2027-03-07",
       "description": "Unboxing the kit #unboxing #ad",
       "video_url": "https://cdn.example.com/ugc/creator-02.mp4"},
      {"position": 3, "video_type": "carousel", "target_publish_date": "2027-03-09",
       "description": "Before and after #ad",
       "carousel_images": ["uploads/before.jpg", "uploads/after.jpg"],
       "tiktok_sound_url": "https://www.tiktok.com/music/original-sound-123"}
    ]
  }')
expect "batch configure videos" 200
grep -q '"failed":0' "$out" || { echo "batch: some positions failed: $(cat "$out")" >&2; exit 1; }
grep -q '"published":true' "$out" || { echo "batch: auto_publish did not publish: $(cat "$out")" >&2; exit 1; }

# --- Example 4: bulk-create the accounts of one country (2 platforms x 5 accounts, 2 uploading)
status=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$TOKPORTAL_BASE/bundles/bulk" \
  -H "X-API-Key: $TOKPORTAL_API_KEY" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: ugc-wave-1-bulk-FR" \
  -d '{
    "platforms": ["tiktok", "instagram"],
    "country": "FR",
    "accounts_count": 5,
    "upload_accounts_count": 2,
    "videos_per_account": 6,
    "external_ref": "ugc-wave-1-FR"
  }')
expect "bulk create per country" 201
grep -q '"total_count":10' "$out" || { echo "bulk: total_count is not 10: $(cat "$out")" >&2; exit 1; }

# --- Example 5: find our bundles again by external_ref
status=$(curl -sS -o "$out" -w '%{http_code}' -G "$TOKPORTAL_BASE/bundles" \
  -H "X-API-Key: $TOKPORTAL_API_KEY" \
  --data-urlencode "external_ref=ugc-wave-1-FR" -d per_page=100)
expect "list bundles by external_ref" 200
grep -q '"total":10' "$out" || { echo "list: total is not 10: $(cat "$out")" >&2; exit 1; }

echo "all curl examples passed"
