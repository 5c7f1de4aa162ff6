/**
 * The verification ceremony (DESIGN.md §5): the other delegation reads its fingerprint from its own
 * Tallinn Desk and the user types it; there is no "it matches" button, and the expected fingerprint is
 * never shown here. Name and role are assigned by the verifying user (DESIGN.md §3): both start empty,
 * the card's proposals are only shown beside the fields (taking the proposed name is an explicit click),
 * and the channel the fingerprint came through is recorded. A mismatch changes nothing; a name the
 * worker refuses as confusable with a known delegation is said beside the name field.
 */
import { Alert, Button, Group, List, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { ROLES, type Role } from '@shared/crypto/formats';
import { verificationChannelSchema, type DelegationView, type IngestReport, type VerificationChannel } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession } from '../../app/hooks';
import { useDomainLabels } from '../records';
import { cardRefusalReason, useCardFailureText, useRefusedWith } from './card-refusal';
import { checkCeremony, type CeremonyDraft, type CeremonyErrors } from './ceremony-form';
import { digitCount, FINGERPRINT_DIGITS } from './fingerprint';

const CHANNELS = verificationChannelSchema.options;

export interface VerifiedResult {
  readonly delegation: DelegationView;
  readonly released: IngestReport;
}

interface Props {
  readonly delegation: DelegationView;
  readonly onVerified: (result: VerifiedResult) => void;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function isChannel(value: string): value is VerificationChannel {
  return (CHANNELS as readonly string[]).includes(value);
}

export function VerificationCeremony({ delegation, onVerified }: Props) {
  const { t } = useTranslation('delegations');
  const session = useVaultSession();
  const labels = useDomainLabels();
  const cardFailureText = useCardFailureText();
  const confusableWith = useRefusedWith();
  const titleId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  // Nothing is taken from the card: the user types the name and chooses the role.
  const [draft, setDraft] = useState<CeremonyDraft>({ fingerprint: '', name: '', role: null, channel: null });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ readonly kind: 'mismatch' } | { readonly kind: 'failed'; readonly message: string } | null>(null);
  /** Why the worker refused the name (shown beside it until the name is changed). */
  const [nameRefusal, setNameRefusal] = useState<{ readonly kind: 'confusable'; readonly with: string } | { readonly kind: 'invalid' } | null>(null);

  const checked = checkCeremony(draft);
  const errors: CeremonyErrors = tried && !checked.ok ? checked.errors : {};
  const message = (field: keyof CeremonyErrors): string | undefined => {
    const key = errors[field];
    if (key === undefined) return undefined;
    return t(`ceremony.errors.${key}`, { typed: digitCount(draft.fingerprint), total: FINGERPRINT_DIGITS });
  };
  const refusedName =
    nameRefusal === null ? undefined : nameRefusal.kind === 'confusable' ? t('ceremony.errors.nameConfusable', { with: nameRefusal.with }) : t('ceremony.errors.nameInvalid');
  const nameMessage = message('name') ?? refusedName;
  const update = (patch: Partial<CeremonyDraft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  const setName = (name: string): void => {
    update({ name });
    setNameRefusal(null);
  };
  const proposedRole = labels.role(delegation.role);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (!checked.ok || busy) return;
    setBusy(true);
    setProblem(null);
    setNameRefusal(null);
    try {
      const result = await session.exchange.verifyDelegation({ delegationId: delegation.id, ...checked.values });
      onVerified(result);
    } catch (error) {
      const failure = failureOf(error);
      const refusedAs = failure.code !== 'card-refused' ? null : failure.details?.['reason'] === 'name-invalid' ? 'name-invalid' : cardRefusalReason(failure);
      if (refusedAs === 'confusable-name' || refusedAs === 'name-invalid') {
        // Said beside the name field, which gets the focus so the user can choose another name.
        setNameRefusal(refusedAs === 'name-invalid' ? { kind: 'invalid' } : { kind: 'confusable', with: confusableWith(failure) });
        nameRef.current?.focus();
      } else if (failure.code === 'fingerprint-mismatch') {
        setProblem({ kind: 'mismatch' });
      } else {
        setProblem({ kind: 'failed', message: cardFailureText(failure) });
      }
      // The alert is read out; focus stays in the form so the user can correct the digits.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId} data-ceremony="">
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('ceremony.title')}
        </Title>
        <Text maw="70ch">{t('ceremony.intro', { name: delegation.name })}</Text>
        <List type="ordered" spacing={4} maw="70ch">
          <List.Item>{t('ceremony.step1')}</List.Item>
          <List.Item>{t('ceremony.step2')}</List.Item>
          <List.Item>{t('ceremony.step3')}</List.Item>
        </List>
        <Text maw="70ch">{t('ceremony.assignNote')}</Text>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md" maw="40rem">
            <TextInput
              label={t('ceremony.fingerprint')}
              description={t('ceremony.fingerprintHelp', { typed: digitCount(draft.fingerprint), total: FINGERPRINT_DIGITS })}
              value={draft.fingerprint}
              onChange={(event) => {
                update({ fingerprint: event.currentTarget.value });
                setProblem(null);
              }}
              error={message('fingerprint')}
              required
              autoComplete="off"
              spellCheck={false}
              inputMode="numeric"
              ff="monospace"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.06em' } }}
              data-fingerprint-input=""
            />
            <Stack gap={4}>
              <TextInput
                ref={nameRef}
                label={t('ceremony.name')}
                description={t('ceremony.nameHelp', { proposed: delegation.name })}
                value={draft.name}
                onChange={(event) => {
                  setName(event.currentTarget.value);
                }}
                error={nameMessage}
                required
                autoComplete="off"
                spellCheck={false}
                data-ceremony-name=""
              />
              <Group>
                <Button
                  type="button"
                  variant="default"
                  size="xs"
                  onClick={() => {
                    setName(delegation.name);
                    nameRef.current?.focus();
                  }}
                  data-use-proposed-name=""
                >
                  {t('ceremony.useProposedName')}
                </Button>
              </Group>
            </Stack>
            <Radio.Group
              label={t('ceremony.role')}
              description={t('ceremony.roleHelp', { proposed: proposedRole })}
              value={draft.role ?? ''}
              onChange={(value) => {
                if (isRole(value)) update({ role: value });
              }}
              error={message('role')}
              required
            >
              <Group gap="md" mt={4}>
                {ROLES.map((role) => (
                  <Radio key={role} value={role} label={labels.role(role)} />
                ))}
              </Group>
            </Radio.Group>
            <Radio.Group
              label={t('ceremony.channel')}
              value={draft.channel ?? ''}
              onChange={(value) => {
                if (isChannel(value)) update({ channel: value });
              }}
              error={message('channel')}
              required
            >
              <Group gap="md" mt={4}>
                {CHANNELS.map((channel) => (
                  <Radio key={channel} value={channel} label={t(`ceremony.channels.${channel}`)} />
                ))}
              </Group>
            </Radio.Group>
            <div aria-live="assertive">
              {problem === null ? null : (
                <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} data-ceremony-problem={problem.kind}>
                  {problem.kind === 'mismatch' ? t('ceremony.mismatch', { name: delegation.name }) : problem.message}
                </Alert>
              )}
            </div>
            <Group>
              <Button type="submit" loading={busy}>
                {t('ceremony.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** What a successful ceremony released from parking, in words. */
export function VerifiedNotice({ result }: { readonly result: VerifiedResult }) {
  const { t } = useTranslation('delegations');
  const { released, delegation } = result;
  return (
    <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} maw="70ch" data-verified-notice="">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('ceremony.verified', { name: delegation.name, count: released.applied + released.redacted })}
        </Text>
        {released.newConflicts > 0 ? <Text size="sm">{t('ceremony.releasedConflicts', { count: released.newConflicts })}</Text> : null}
        {released.rejected.length > 0 ? <Text size="sm">{t('ceremony.releasedRejected', { count: released.rejected.length })}</Text> : null}
      </Stack>
    </Alert>
  );
}
