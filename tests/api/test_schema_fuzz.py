"""The API fuzzed against its own OpenAPI schema, bounded for the suite (docs/api.md,
"Fuzzing"): every operation, a few generated requests each (valid and invalid parameters
and bodies), derandomized so a run is the same every time; each answer must be no 5xx,
with a status, content type and body the schema documents. The long exploratory run is
`scripts/fuzz_api.py` against a served copy of the demonstration database."""

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode, checks

from tests.api.schema_checks import in_the_tests_database, load_schema

pytestmark = pytest.mark.django_db

EXAMPLES = 4  # per operation and mode: the whole file in about a minute on two cores
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def fuzz(schema: Any, headers: dict[str, str]) -> tuple[int, list[str]]:
    """Requests sent and the failures found, over every operation of the schema."""
    sent = 0
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                nonlocal sent
                sent += 1
                with in_the_tests_database():
                    response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)

            try:
                run()
            # Each operation's first failure, with its request (schemathesis raises its
            # checks' failures as a BaseExceptionGroup).
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} ({mode.value}): {exc}"[:3000])
    return sent, failures


@pytest.fixture
def schema(db: None) -> Any:
    return load_schema()


def test_a_ministry_reporters_system_gets_only_documented_answers(schema, reporter_token):
    sent, failures = fuzz(schema, {"Authorization": f"Bearer {reporter_token.secret}"})
    assert not failures, "\n\n".join(failures)
    assert sent > 200


def test_an_anonymous_caller_gets_only_documented_answers(schema):
    sent, failures = fuzz(schema, {})
    assert not failures, "\n\n".join(failures)
    assert sent > 200
