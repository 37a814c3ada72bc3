import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { notify } from '../../app/notifications';
import type { Person } from '../../../../core/model';
import { createIdentity, importIdentity, ownerOf, readFileBytes } from './commands';
import { FormFooter } from '../../components/FormFooter';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** Why the host cannot remember the passphrase in the OS keychain, or null when it can. */
  rememberProblem: string | null;
  /** Whose identity it becomes: the person at the keyboard. */
  person: Person;
}

function PassphraseFields({
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  errors,
  label = 'Passphrase',
}: {
  passphrase: string;
  confirm: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: Readonly<Record<string, string>>;
  label?: string;
}) {
  return (
    <div className="form-grid">
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onChange={(event) => onPassphrase(event.target.value)}
        error={errors['passphrase']}
        hint="At least 8 characters. It encrypts your private key; it cannot be recovered."
        required
      />
      <TextField
        label="Repeat the passphrase"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => onConfirm(event.target.value)}
        error={errors['confirm']}
        required
      />
    </div>
  );
}

function RememberBox({
  checked,
  onChange,
  problem,
}: {
  checked: boolean;
  onChange: (value: boolean) => void;
  problem: string | null;
}) {
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked && problem === null}
          disabled={problem !== null}
          aria-describedby={problem === null ? undefined : 'remember-problem'}
          onChange={(event) => onChange(event.target.checked)}
        />
        Remember the passphrase in this computer’s keychain
      </label>
      {problem === null ? null : (
        <p className="muted" id="remember-problem">
          Not available: {problem}
        </p>
      )}
    </>
  );
}

/** The end of both identity forms: remember the passphrase, the form's error, the buttons. */
function FormEnd(props: {
  remember: boolean;
  onRemember: (value: boolean) => void;
  rememberProblem: string | null;
  formError: string | null;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <RememberBox
        checked={props.remember}
        onChange={props.onRemember}
        problem={props.rememberProblem}
      />
      <FormFooter error={props.formError} onCancel={props.onCancel} disabled={props.busy}>
        {props.submitLabel}
      </FormFooter>
    </>
  );
}

export function CreateIdentityDialog({ open, onClose, rememberProblem, person }: DialogProps) {
  const [name, setName] = useState(person.name);
  const [organisation, setOrganisation] = useState(person.organisation);
  const [email, setEmail] = useState('');
  const [algorithm, setAlgorithm] = useState<'ecdsa-p256' | 'rsa-3072'>('ecdsa-p256');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(false);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <Dialog open={open} title="Create a signing identity" onClose={onClose} wide>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit(() =>
            createIdentity(ownerOf(person), {
              name,
              organisation,
              email,
              algorithm,
              passphrase,
              confirm,
              remember,
            }),
          ).then((done) => {
            if (!done) return;
            notify('success', 'Signing identity created.');
            onClose();
          });
        }}
      >
        <p className="muted">
          {person.name}’s key pair and a self-signed certificate, for signing off demos and signing
          reports. Export the certificate so colleagues can trust it.
        </p>
        <div className="form-grid">
          <TextField
            label="Name in the certificate"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={fieldErrors['name']}
            required
            maxLength={120}
          />
          <TextField
            label="Organisation"
            value={organisation}
            onChange={(event) => setOrganisation(event.target.value)}
            error={fieldErrors['organisation']}
            maxLength={120}
          />
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldErrors['email']}
          />
          <SelectField
            label="Key type"
            value={algorithm}
            onChange={(event) => setAlgorithm(event.target.value as 'ecdsa-p256' | 'rsa-3072')}
          >
            <option value="ecdsa-p256">ECDSA P-256 (recommended)</option>
            <option value="rsa-3072">RSA 3072</option>
          </SelectField>
        </div>
        <PassphraseFields
          passphrase={passphrase}
          confirm={confirm}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={fieldErrors}
        />
        <FormEnd
          remember={remember}
          onRemember={setRemember}
          rememberProblem={rememberProblem}
          formError={formError}
          busy={busy}
          submitLabel={busy ? 'Creating…' : 'Create identity'}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

export function ImportIdentityDialog({ open, onClose, rememberProblem, person }: DialogProps) {
  const [file, setFile] = useState<Uint8Array<ArrayBuffer> | null>(null);
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(false);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <Dialog open={open} title="Import a PKCS#12 identity" onClose={onClose} wide>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit(() =>
            importIdentity(ownerOf(person), { file, password, passphrase, confirm, remember }),
          ).then((done) => {
            if (!done) return;
            notify('success', 'Signing identity imported.');
            onClose();
          });
        }}
      >
        <p className="muted">
          {person.name}’s .p12 or .pfx file, issued by your organisation’s certificate authority
          (RSA or EC keys).
        </p>
        <div className="field">
          <label htmlFor="p12-file">PKCS#12 file</label>
          <input
            id="p12-file"
            type="file"
            accept=".p12,.pfx,application/x-pkcs12"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              if (chosen) void readFileBytes(chosen).then(setFile);
            }}
          />
          {fieldErrors['file'] ? <p className="field-error">{fieldErrors['file']}</p> : null}
        </div>
        <TextField
          label="File password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors['password']}
        />
        <PassphraseFields
          label="New passphrase"
          passphrase={passphrase}
          confirm={confirm}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={fieldErrors}
        />
        <FormEnd
          remember={remember}
          onRemember={setRemember}
          rememberProblem={rememberProblem}
          formError={formError}
          busy={busy}
          submitLabel={busy ? 'Importing…' : 'Import identity'}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
