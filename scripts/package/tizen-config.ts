import { identity } from './app-identity.ts'

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The widget manifest a Samsung TV reads from the root of the .wgt. */
export function tizenConfigXml(version: string, description: string): string {
  const { tizen, title, vendor, website } = identity
  return `<?xml version="1.0" encoding="UTF-8"?>
<widget xmlns="http://www.w3.org/ns/widgets" xmlns:tizen="http://tizen.org/ns/widgets" id="${tizen.widgetId}" version="${version}" viewmodes="maximized">
  <tizen:application id="${tizen.applicationId}" package="${tizen.packageId}" required_version="${tizen.requiredVersion}"/>
  <tizen:profile name="tv-samsung"/>
  <name>${escapeXml(title)}</name>
  <description>${escapeXml(description)}</description>
  <author href="${website}">${escapeXml(vendor)}</author>
  <content src="index.html"/>
  <icon src="icon.png"/>
  <access origin="*" subdomains="true"/>
  <feature name="http://tizen.org/feature/screen.size.all"/>
  <tizen:privilege name="http://tizen.org/privilege/internet"/>
  <tizen:privilege name="http://tizen.org/privilege/tv.inputdevice"/>
  <tizen:setting screen-orientation="landscape" context-menu="disable" background-support="disable" encryption="disable" install-location="auto" hwkey-event="enable"/>
  <tizen:metadata key="http://samsung.com/tv/metadata/use.voiceguide" value="true"/>
</widget>
`
}
