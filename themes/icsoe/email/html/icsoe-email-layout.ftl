<#--
  ICSOE email frame for HTML clients: nested tables and inline styles only (no <style>, no
  images, no web fonts to fetch), 600 px wide, fluid below. Used by password-reset.ftl and
  icsoe-password-updated.ftl.
-->
<#macro layout title preheader="">
<!DOCTYPE html>
<html lang="${locale.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background-color:#f5f5f5;">
<#if preheader?has_content><div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${preheader}</div></#if>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f5f5f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #e0e0e0;">
<tr><td style="background-color:#611232;padding:18px 24px;font-family:Montserrat,Arial,Helvetica,sans-serif;color:#ffffff;">
<span style="font-size:20px;font-weight:bold;letter-spacing:1px;">${msg("icsoeEmailOrg")}</span><span style="font-size:20px;color:#ddc9a3;">&nbsp;|&nbsp;</span><span style="font-size:20px;font-weight:bold;">${msg("icsoeEmailApp")}</span><br>
<span style="font-size:13px;line-height:18px;color:#ffffff;">${msg("icsoeEmailAppDescription")}</span>
</td></tr>
<tr><td style="height:5px;line-height:5px;font-size:0;background-color:#b38e5d;">&nbsp;</td></tr>
<tr><td style="padding:28px 24px 8px 24px;font-family:Montserrat,Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#212121;">
<#nested>
</td></tr>
<tr><td style="padding:16px 24px 20px 24px;border-top:1px solid #e0e0e0;font-family:Montserrat,Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#545454;">
${msg("icsoeEmailFooter")}<br>${msg("icsoeEmailInstitution")}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
</#macro>

<#macro button href label>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">
<tr><td align="center" bgcolor="#9d2449" style="background-color:#9d2449;border-radius:4px;">
<a href="${href}" target="_blank" style="display:inline-block;padding:14px 28px;font-family:Montserrat,Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:20px;color:#ffffff;text-decoration:none;border-radius:4px;">${label}</a>
</td></tr>
</table>
</#macro>

<#macro heading text>
<h1 style="margin:0 0 16px 0;font-family:Montserrat,Arial,Helvetica,sans-serif;font-size:22px;line-height:28px;color:#611232;">${text}</h1>
</#macro>

<#macro p><p style="margin:0 0 16px 0;"><#nested></p></#macro>

<#macro greeting><#if user?? && (user.firstName)?has_content>${msg("icsoeEmailGreetingName", user.firstName)}<#else>${msg("icsoeEmailGreeting")}</#if></#macro>
