"""Checks of Lieux's own contract, run by schemathesis beside its own (tools/api-contract).

Every error of the service is an RFC 9457 problem (`application/problem+json`) whose
`status` is the response's, whose `type` names the problem, with a `title` and a `detail`
in French for people.
"""
import json
import re

import schemathesis

# Words that a French sentence of the service holds and an English one does not.
FRENCH = re.compile(
    r"(\b(le|la|les|un|une|des|du|de|est|sont|doit|pas|ou|et|au|aux|ce|cette|être|n'|l'|d'|qu'|à)\b|[éèêàùçôî«»])",
    re.IGNORECASE,
)


@schemathesis.check
def probleme_en_francais(ctx, response, case):
    """A 4xx or 5xx answer is a problem+json with a title and a French detail."""
    if response.status_code < 400 or case.method.upper() == "HEAD":
        return None
    kind = response.headers.get("content-type", [""])
    kind = kind[0] if isinstance(kind, list) else kind
    assert kind.startswith("application/problem+json"), f"réponse {response.status_code} de type « {kind} », pas application/problem+json"
    try:
        problem = json.loads(response.content)
    except ValueError as error:
        raise AssertionError(f"problème illisible : {error}")
    assert isinstance(problem, dict), "le problème n'est pas un objet JSON"
    assert problem.get("status") == response.status_code, f"status {problem.get('status')} ≠ {response.status_code}"
    assert isinstance(problem.get("type"), str) and problem["type"], "type absent"
    for member in ("title", "detail"):
        text = problem.get(member)
        assert isinstance(text, str) and text.strip(), f"{member} absent ou vide"
    # The title is a short label (« Jeton requis »); the detail, a sentence.
    assert FRENCH.search(problem["detail"]), f"detail ne semble pas écrit en français : « {problem['detail']} »"
    return None
