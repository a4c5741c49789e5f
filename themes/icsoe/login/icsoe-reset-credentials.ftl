<#-- Minimal reset step page (reset feature); the themes feature gives it the ICSOE look. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','email'); section>
    <#if section = "header">
        ${msg("icsoeResetTitle")}
    <#elseif section = "form">
        <p id="icsoe-reset-instruction">${msg("icsoeResetInstruction")}</p>
        <form id="kc-reset-password-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <div class="${properties.kcFormGroupClass!}">
                <label for="username" class="${properties.kcLabelClass!}">${msg("icsoeResetCurpLabel")}</label>
                <input type="text" id="username" name="username" class="${properties.kcInputClass!}" value="" autocomplete="off"
                       autofocus maxlength="18" aria-invalid="<#if messagesPerField.existsError('username')>true</#if>"/>
                <#if messagesPerField.existsError('username')>
                    <span id="input-error-username" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('username'))?no_esc}</span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="email" class="${properties.kcLabelClass!}">${msg("icsoeResetEmailLabel")}</label>
                <input type="email" id="email" name="email" class="${properties.kcInputClass!}" value="" autocomplete="email"
                       aria-invalid="<#if messagesPerField.existsError('email')>true</#if>"/>
                <#if messagesPerField.existsError('email')>
                    <span id="input-error-email" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('email'))?no_esc}</span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <a id="kc-back-to-login" href="${url.loginUrl}">${msg("backToLogin")}</a>
                <input id="kc-reset-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" type="submit" value="${msg("icsoeResetSubmit")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
