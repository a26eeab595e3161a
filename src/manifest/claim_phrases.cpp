// The phrase tables of the `promises-reach` lint rule (claims.hpp), one per
// language. To extend: add a phrase to its language's table and a caption
// using it to tests/data/manifest/claims/<language>.promises.txt; if it could
// appear in honest copy, add such a caption to <language>.ordinary.txt, which
// must stay silent. Phrases are compared after folding (case, diacritics,
// width), so write them as a user would, accents and all.
//
// What a phrase must promise: reach (views, followers, likes, virality) or
// safety from bans. Not product claims: "100% safe for sensitive skin" and
// "satisfaction guaranteed" are the advertiser's business, so a bare
// "guaranteed" or "100% safe" is never a phrase; the promised thing must be
// named. Every table is tried on every caption (captions mix languages), so
// a phrase must not be an ordinary phrase of another language either.
#include "ugc/manifest/claims.hpp"

namespace ugc::manifest {

const std::vector<ClaimTable>& claim_tables() {
  static const std::vector<ClaimTable> tables = {
      // English is mixed into captions everywhere, so it is tried first after
      // the caption's own language. "guarante*" covers guarantee/guaranteed.
      {"en",
       ClaimMatch::words,
       {"guaranteed views", "guaranteed followers", "guaranteed reach", "guaranteed likes", "guaranteed results",
        "guaranteed engagement", "guaranteed viral", "guaranteed to go viral", "go viral guaranteed",
        "views guaranteed", "followers guaranteed", "likes guaranteed", "reach guaranteed",
        "guarantee* * views", "100% safe from bans", "100% ban safe", "ban-proof", "never get banned",
        "never be banned", "no risk of ban*", "zero risk of ban*", "can't get banned", "cannot get banned",
        "unbannable", "risk-free growth", "instant followers"}},
      // French: participles agree (garanti/garantie/garantis/garanties);
      // the forms are spelled out, not `garanti*`, which would also match
      // Spanish and Italian (vuelo garantizado). "100 % sûr" is left out:
      // folded it reads "100 sur", as in "noté 100 sur 100".
      {"fr",
       ClaimMatch::words,
       {"vue* garantie*", "abonné* garanti", "abonné* garantis", "follower* garanti", "follower* garantis",
        "like* garanti", "like* garantis", "portée garantie",
        "visibilité garantie", "viralité garantie", "buzz garanti", "garanti viral", "garantie de vues",
        "vues assurées", "jamais banni*", "sans risque de ban*", "zéro risque de ban*", "abonnés instantanés"}},
      // German: adjective endings vary (garantierte/garantierten), nouns
      // often carry English loanwords (Views, Follower, Reichweite).
      {"de",
       ClaimMatch::words,
       {"garantiert* aufrufe", "garantiert* views", "garantiert* follower*", "garantiert* reichweite",
        "garantiert* likes", "garantiert viral", "aufrufe garantiert", "reichweite garantiert",
        "follower garantiert", "views garantiert", "reichweitengarantie", "kein sperrrisiko", "ohne sperrrisiko", "nie gesperrt",
        "niemals gesperrt", "sperrsicher"}},
      // Spanish: "vistas"/"visualizaciones"/"reproducciones" all mean views.
      {"es",
       ClaimMatch::words,
       {"vistas garantizadas", "visualizaciones garantizadas", "reproducciones garantizadas",
        "seguidores garantizados", "likes garantizados", "alcance garantizado", "viral garantizado",
        "garantizado viral", "garantizamos vistas", "nunca te banearán", "sin riesgo de baneo",
        "seguidores instantáneos"}},
      // Italian.
      {"it",
       ClaimMatch::words,
       {"visualizzazioni garantite", "views garantite", "follower garantiti", "followers garantiti",
        "like garantiti", "copertura garantita", "virale garantito", "garantito virale", "successo virale garantito",
        "mai bannato", "mai bannati", "nessun rischio di ban", "follower istantanei"}},
      // Portuguese (pt-PT and pt-BR): "visualizações"/"views",
      // "seguidores"; Brazilian "bombar" is slang for going viral.
      {"pt",
       ClaimMatch::words,
       {"visualizações garantidas", "views garantidas", "seguidores garantidos", "curtidas garantidas",
        "likes garantidos", "alcance garantido", "viral garantido", "garantido viralizar", "viralização garantida",
        "bombar garantido", "nunca ser banido", "sem risco de banimento", "seguidores instantâneos"}},
      // Japanese is written without spaces: substrings. 保証 (guarantee) and
      // 安全 (safe) alone appear in honest copy (保証書付き, 安全な成分), so
      // each phrase names what is promised. バズ = going viral, 凍結 = a ban.
      {"ja",
       ClaimMatch::anywhere,
       {"再生回数保証", "再生数保証", "再生保証", "フォロワー保証", "いいね保証", "バズり確定", "バズ確定",
        "必ずバズる", "絶対バズる", "確実にバズる", "バズること間違いなし", "再生回数が必ず", "フォロワーが必ず増える",
        "凍結されない", "凍結の心配なし", "凍結リスクなし", "100%安全なアカウント"}},
      // Korean separates words but glues particles to them (조회수를), so
      // the words end in `*`. 떡상 is slang for blowing up.
      {"ko",
       ClaimMatch::words,
       {"조회수* 보장*", "조회수보장*", "팔로워* 보장*", "팔로워보장*", "좋아요* 보장*", "떡상* 보장*", "떡상 확정*",
        "무조건 떡상*", "바이럴* 보장*", "정지* 걱정* 없*", "계정 정지 없*"}},
      // Chinese, simplified and traditional forms both listed; no spaces.
      // 保证 (guarantee) alone is honest copy (质量保证), 上热门 is "gets on
      // the trending page", 封号 is an account ban.
      {"zh",
       ClaimMatch::anywhere,
       {"保证播放量", "播放量保证", "保证浏览量", "保证涨粉", "包涨粉", "保证上热门", "必上热门", "稳上热门",
        "保证爆款", "绝不封号", "不会封号", "永不封号", "保證播放量", "播放量保證", "保證漲粉", "包漲粉",
        "保證上熱門", "必上熱門", "絕不封號", "不會封號", "永不封號"}},
      // Dutch.
      {"nl",
       ClaimMatch::words,
       {"gegarandeerde views", "gegarandeerde weergaven", "gegarandeerde volgers", "gegarandeerd bereik",
        "gegarandeerd viraal", "views gegarandeerd", "volgers gegarandeerd", "nooit verbannen",
        "nooit geblokkeerd", "geen risico op een ban", "directe volgers"}},
      // Polish inflects nouns and adjectives by case and number
      // (gwarantowane wyświetlenia, gwarantowanych wyświetleń): stems with `*`.
      {"pl",
       ClaimMatch::words,
       {"gwarantowan* wyświetle*", "gwarantowan* obserwując*", "gwarantowan* followers*", "gwarantowan* zasięg*",
        "gwarantowan* polubie*", "gwarancja wyświetleń", "gwarancja zasięgu", "wyświetlenia gwarantowane",
        "gwarantowany viral", "nigdy nie dostaniesz bana", "bez ryzyka bana"}},
      // Turkish is agglutinative (izlenme, izlenmeler, izlenmesi), so words
      // end in `*`; İ/I/ı fold to i, so GARANTİLİ and garantili match.
      {"tr",
       ClaimMatch::words,
       {"garantili izlenme*", "garantili takipçi*", "garantili beğeni*", "garantili erişim*", "izlenme garantisi",
        "takipçi garantisi", "beğeni garantisi", "garantili viral", "viral olma garantisi", "asla ban yemez*",
        "ban riski yok*", "kapanma riski yok*"}},
      // Arabic: و (and) and ال (the) are written joined to the next word,
      // so the first word may carry a prefix (`*`); ة/ه and أ/إ/ا are folded.
      {"ar",
       ClaimMatch::words,
       {"*مشاهدات مضمونة", "*متابعين مضمونين", "*متابعين مضمون*", "*لايكات مضمونة", "*انتشار مضمون",
        "ضمان *المشاهدات", "ضمان *المتابعين", "ضمان *الانتشار", "*فيرال مضمون",
        "بدون حظر", "لن يتم حظر*"}},
      // Russian inflects by case (гарантированные просмотры, гарантированных
      // просмотров): stems with `*`; ё is folded to е. "гарантия" alone is
      // honest copy (гарантия качества).
      {"ru",
       ClaimMatch::words,
       {"гарантированн* просмотр*", "гарантированн* подписчик*", "гарантированн* охват*", "гарантированн* лайк*",
        "просмотры гарантированы", "гарантия просмотров", "гарантия охвата", "гарантия подписчиков",
        "без риска бана", "никогда не забанят", "100% без бана"}},
      // Swedish.
      {"sv",
       ClaimMatch::words,
       {"garanterade visningar", "garanterade följare", "garanterade likes", "garanterad räckvidd",
        "garanterat viral", "visningar garanteras", "aldrig bannad", "ingen risk för ban*"}},
      // Indonesian: "dijamin" (guaranteed) follows the noun; FYP (the For
      // You page) is how creators say "goes viral". "garansi" alone is a
      // product warranty.
      {"id",
       ClaimMatch::words,
       {"views dijamin", "viewers dijamin", "followers dijamin", "dijamin viral", "dijamin fyp", "pasti fyp",
        "garansi views", "garansi followers", "garansi fyp", "anti banned", "dijamin aman dari banned"}},
  };
  return tables;
}

}  // namespace ugc::manifest
