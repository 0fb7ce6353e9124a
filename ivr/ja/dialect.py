"""Regional and casual negations rewritten to the standard form before analysis, so that the vocabulary's
words match them: 届かへん / 使えへん (Kansai), 知らね・届かねえ (Kanto, Tohoku), わがんね (Tohoku).

Only endings that cannot be something else are rewritten: へん after a verb's negative stem (not たいへん),
ね after a kanji verb's negative stem (not だからね).
"""
from __future__ import annotations

import re

from .lexicon import lexicon

_NEGATIVE_END = r"[のでよねしぞわがけと、。!?！？ ]|$"  # 届かんのです, 使えんで, 来んよ, 動かんし, 届かんけど
_NEGATIVE_STEM = r"(?:(?<=[\u4e00-\u9fff][かがまらわばえけせれげべめ])|(?<=[\u4e00-\u9fff][まわかがさ]ら))"  # 届か, 使え, 止まら
_KEN_END = r"[ねよさ、。!?！？ ]|$|[^ぁ-ゖ]"
_COME_NOT = r"(?:来[えーおい]?|こ[ーお]|け[ーえ]|き[ーい])[へひ]ん"  # 来えへん, けーへん, きーひん: 来ない
_REWRITES = (
    (re.compile(r"(?<=[\u4e00-\u9fff])られへん"), "れない"),  # 入られへん, 食べられへん (Kansai: cannot)
    (re.compile(r"あらへん|あらしまへん|ありまへん"), "ない"),  # 財布ごとあらへんねん (Kansai: there is none)
    (re.compile(_COME_NOT + "かった"), "来なかった"),
    (re.compile(_COME_NOT), "来ない"),
    (re.compile(r"(?<=[かさたなまらわがばえけせてねめれげべ])へんかった"), "なかった"),
    (re.compile(r"(?<=[かさたなまらわがばえけせてねめれげべ])へん(?![ぁ-ゖ])|(?<=[かさたなまらわがばえけせてねめれげべ])へん(?=[でやけよわねかなのもし])"), "ない"),
    (re.compile(r"(?<=[\u4e00-\u9fff][かさたなまらわがば])ねぇ?え?(?=[んよしっぞべ]|[^ぁ-ゖ]|$)"), "ない"),
    (re.compile(r"わ[がか]んねぇ?え?"), "わからない"),
    (re.compile(r"しもうた|しもた"), "しまった"),
    (re.compile(r"(?<=[てで])もう(?=てん|た)"), "しまっ"),  # 入れてもうてん, 使われてもうた (Kansai: てしまった)
    # 「あ 違う いや 合ってます」: a correction taken back at once leaves what was said as it was.
    (re.compile(r"(?:あ[、 ]*)?(?:違う|ちがう|違います|ちがいます)[、 ]*(?:いや|いえ)[、 ]*(?:合って|あって)(?:ます|る|ました|た)"), ""),
    # ちゃうもん, ちゃう商品 (Kansai: 違うもの) before what came or is in it; not ちゃうもん said alone (it is not!).
    (re.compile(r"ちゃう(?=もん[がをはも]?(?:入|届|来|き|送)|商品|品物|物が|ものが|色|サイズ)"), "違う"),
    (re.compile(r"(?<=違う)もん(?=[がをはも]?(?:入|届|来|き|送))"), "もの"),
    (re.compile(r"かもって(?=思|おも|言|い[っうわ])"), "かもと"),  # 盗まれたかもって思った (read as 持って, the thought lost)
    (re.compile(r"(?<![きこそど])のうな(?=[っりるれ])"), "なくな"),  # カードがのうなった (Kansai, Shikoku: 無うなる)
    (re.compile(r"(?<=[\u4e00-\u9fff][かさたなまらわがばえけせてねめれげべ])ねぐな(?=[っりるれ])"), "なくな"),  # 入れねぐなった (Tohoku)
    (re.compile(r"(?<=[分わ])からん(?=ように|$|[、。ねよでのな])"), "からない"),  # 分からんようになって
    (re.compile(r"(?<=[\u4e00-\u9fff])うとらん"), "っていない"),  # 買うとらん, 使うとらん (Chugoku)
    # とる for ている (Western Japan): 使っとらん, 届いとらん, 見とらん, 来とらんかった
    (re.compile(r"(?:(?<=[っいし])|(?<=[見来寝出居]))とらんかった"), "ていなかった"),
    (re.compile(r"(?:(?<=[っいし])|(?<=[見来寝出居]))とらん"), "ていない"),
    (re.compile(r"(?<=こと)(?:も|は)?ねぇ?え?(?=[よしぞ、。!?！？ ]|$|[^ぁ-ゖ])"), "もない"),  # 見たこともねえ, 聞いたことねえ
    # Western and older speech: 来んのです, 届かん, 使えん, 止まらんかった. After a kanji verb's negative stem only
    # (not 田中さん, 来たん, 見てん): a-row and e-row kana but さ, た, な, て, ね.
    (re.compile(r"来ん(?=かった)"), "来な"),
    (re.compile(r"来ん(?=" + _NEGATIVE_END + ")"), "来ない"),
    (re.compile(_NEGATIVE_STEM + r"ん(?=かった)"), "な"),
    (re.compile(_NEGATIVE_STEM + r"ん(?=" + _NEGATIVE_END + ")"), "ない"),
    # Kyushu and Chugoku けん for から, なか for ない (財布のなかけん: the wallet is not there, so…); after the
    # negations above, so that 届かんけん is 届かないから. Not けんど (but), not 中喧嘩.
    (re.compile(r"のなかけん(?=" + _KEN_END + ")"), "がないから"),
    (re.compile(r"なかけん(?=" + _KEN_END + ")"), "ないから"),
    (re.compile(r"(?<=[いたんだ])けん(?=" + _KEN_END + ")"), "から"),
    # A casual loss with its particle dropped (カードなくした, アメックスなくしちゃった), or where it was lost
    # (居酒屋でなくした): the analyser reads kana なくし there as 無い + する (no card, did; was not); written
    # 無くし it reads the verb.
    (re.compile(r"(?<=[ァ-ヶーa-zA-Z布で])なくし(?=[たてちまじ])"), "無くし"),
    (re.compile(r"(?<![間ま])(?<=も)なくし(?=ちゃ|ちま|じゃ)"), "無くし"),  # 楽天カードもなくしちゃって (not 間もなく)
    # 電車の中ですられた: the analyser reads です + られ (no verb at all); written 掏られ it reads pickpocketed.
    (re.compile(r"(?<=で)すられ"), "掏られ"),
    (re.compile(r"(?<=[をがもは布ドどー ])すられ"), "掏られ"),  # かーどを すられました, 財布すられた: the same in kana
)


# A person who なくなった died (父がなくなったので解約を): only a card, a wallet or a thing is lost.
_PEOPLE = "|".join(sorted((re.escape(w) for w in lexicon().words("family") if w not in ("自分", "家族")), key=len, reverse=True))
_DIED = re.compile(r"(?P<who>(?:%s)(?:さん|ちゃん)?[がはも])なくな(?=[っりるれ])" % _PEOPLE)


def standard(text: str) -> str:
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return _DIED.sub(r"\g<who>亡くな", text)  # 父がなくなった: a person's death, said in kana
