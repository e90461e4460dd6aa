/** The device code, large, with a copy button and where to enter it. */
import { useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { EventPayload } from '../../../shared/ipc/contract';

/** Shows a `deviceCode:issued` event. */
export function DeviceCode({ code }: { code: EventPayload<'deviceCode:issued'> }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label="Device code" className="device-code">
      <Text>
        Open <strong>{code.verificationUri}</strong> and enter:
      </Text>
      <Text size={900} weight="bold" font="monospace" data-testid="user-code">
        {code.userCode}
      </Text>
      <Button
        onClick={() =>
          void navigator.clipboard.writeText(code.userCode).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy the code'}
      </Button>
    </section>
  );
}
