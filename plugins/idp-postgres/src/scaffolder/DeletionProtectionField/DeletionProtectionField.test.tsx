import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderField } from '../../__testUtils__/renderField';
import { DeletionProtectionField } from './DeletionProtectionField';

const schema = {
  title: 'Deletion protection',
  description: 'Keep the database if its definition is **removed**.',
  type: 'boolean' as const,
};

function render(namespace: string, formData?: boolean) {
  return renderField(DeletionProtectionField, {
    api: fakeApi(),
    schema,
    formData,
    form: { database: { namespace, name: 'billing' } },
  });
}

describe('IdpPostgresDeletionProtection', () => {
  it('is a checkbox with the title as label and the markdown description', async () => {
    const { onChange } = await render('shop-dev', true);
    const box = screen.getByRole('checkbox', { name: 'Deletion protection' });
    expect(box).toBeChecked();
    expect(screen.getByText('removed').tagName).toBe('STRONG');
    await userEvent.click(box);
    expect(onChange).toHaveBeenLastCalledWith(false);
    // Never required in the browser: its own message would say nothing of why.
    expect(box).not.toBeRequired();
  });

  it('gives an untouched box a value, so its validation runs', async () => {
    const { onChange } = await render('shop-dev');
    expect(onChange).toHaveBeenCalledWith(false);
  });

  it('says next to the box why a production namespace needs it', async () => {
    await render('shop-prod', false);
    const box = screen.getByRole('checkbox', { name: 'Deletion protection' });
    expect(box).toHaveAccessibleDescription(
      'Databases in production namespaces (shop-prod) must have deletion protection: the platform keeps the database and its data if the definition is ever removed.',
    );
  });

  it('says nothing of production elsewhere', async () => {
    await render('shop-dev', false);
    expect(screen.queryByText(/production namespaces/)).not.toBeInTheDocument();
  });
});
